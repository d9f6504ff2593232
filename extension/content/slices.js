// Long work in slices: the content script never holds the page up for long (a pasted megabyte
// has thousands of blocks and findings). Work is done in slices of at most SLICE_MS, with the
// page running between them (a new task each time).

/**
 * The longest the content script works on an editor in one go (ms).
 */
export const SLICE_MS = 10;

/** Resolves in a later task (after the page's pending input and rendering), not clamped like nested timers. */
export const nextTask = () => new Promise((resolve) => {
  const c = new MessageChannel();
  c.port1.onmessage = () => resolve(undefined);
  c.port2.postMessage(null);
});

/**
 * Calls `step(i)` for i = 0 … n-1 in slices of SLICE_MS, each in a later task (none now: the
 * caller's own slice is not made longer), as long as `alive()` holds before each slice.
 * `timed` wraps each slice (the callers' figures).
 * @param {number} n
 * @param {(i: number) => void} step
 * @param {() => boolean} alive
 * @param {(fn: () => void) => void} timed
 * @returns {Promise<boolean>}  whether every step ran
 */
export async function inSlices(n, step, alive, timed) {
  let i = 0;
  for (;;) {
    await nextTask();
    if (!alive()) return false;
    timed(() => {
      const t0 = performance.now();
      // The clock is read every 16 steps: steps are small.
      while (i < n) {
        step(i++);
        if ((i & 15) === 0 && performance.now() - t0 > SLICE_MS) break;
      }
    });
    if (i >= n) return true;
  }
}
