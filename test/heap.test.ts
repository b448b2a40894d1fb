// The heap keeper of the cross-report phase (src/engine/heap.ts): after garbage has grown the
// heap beyond its slack, it collects it.
import { describe, expect, it } from '@jest/globals';
import v8 from 'node:v8';
import vm from 'node:vm';
import { heapKeeper } from '../src/engine/heap.ts';

describe('heapKeeper', () => {
  it('collects the garbage once the heap has grown by its slack', () => {
    // From a collected heap (the collector reached as heap.ts reaches it), so that the keeper's
    // floor is the live heap: not the garbage earlier tests left in the young generation, which
    // `npm test`'s --max-semi-space-size makes large and which may be collected while the garbage
    // below is made, the heap then never growing by the slack past that floor.
    v8.setFlagsFromString('--expose-gc');
    (vm.runInNewContext('gc') as () => void)();
    const keep = heapKeeper(4 * 2 ** 20);
    const made = (): number => Array.from({ length: 300_000 }, (_, n) => ({ n, s: `x${n}` })).length;
    expect(made()).toBe(300_000);
    const grown = v8.getHeapStatistics().used_heap_size;
    for (let i = 0; i < 16; i++) keep();
    expect(v8.getHeapStatistics().used_heap_size).toBeLessThan(grown - 4 * 2 ** 20);
  });
});
