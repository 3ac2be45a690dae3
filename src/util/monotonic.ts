/**
 * Milliseconds on a monotonic clock, as performance.now() counts them but without its cost: the first use of
 * the `performance` global loads perf_hooks (~1 ms at start-up), where process.hrtime is already there.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
