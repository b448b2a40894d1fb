/**
 * How many cases a property test runs: `n` at full scale, `XXGK_PROPERTY_SCALE` times `n` otherwise
 * (default 0.25 for a fast `npm test`; CI runs `XXGK_PROPERTY_SCALE=1`, see .ci/run), at least 3.
 * A helper of its own, not an export of a test file: importing a test file runs its tests again.
 */
export const PROPERTY_SCALE = Number(process.env['XXGK_PROPERTY_SCALE'] ?? 0.25);

export const RUNS = (n: number): number => Math.max(3, Math.round(n * PROPERTY_SCALE));
