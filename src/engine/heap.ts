/**
 * Keeps the main process's heap near what it holds in the cross-report phase of a big run. That
 * phase decodes two digests per report (some 100 KB of small objects each) and the rules build
 * their structures over them (similar-to-last-year's automaton): short-lived, but many of them
 * outlive two young-generation collections and are moved to the old generation, where V8 lets
 * garbage grow to several times the live heap before collecting it (a 10,000-report run: some
 * 40 MB live, 200 MB and more of heap). A full collection when the heap has grown by `slack`
 * since the last one keeps it at the live size plus `slack`, for a few tens of milliseconds each.
 * The collector is reached through V8's `--expose-gc` set at run time, as no flag can be given to
 * a process the user started; without it, nothing is done.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** How often (in calls) the heap is looked at. */
const EVERY = 16;

/** A function to call after each unit of work: collects when the heap has grown by `slack` bytes since the last collection. */
export function heapKeeper(slack = 48 * 2 ** 20): () => void {
  let floor = v8.getHeapStatistics().used_heap_size;
  let calls = 0;
  return () => {
    if (++calls % EVERY !== 0) return;
    if (v8.getHeapStatistics().used_heap_size < floor + slack) return;
    const gc = collector();
    if (!gc) return;
    gc();
    floor = v8.getHeapStatistics().used_heap_size;
  };
}
