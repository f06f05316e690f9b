// The waiting half of sleep.py: blocks the worker on the page's SIGINT cell for at most `ms`.
// The page writes 2 and calls Atomics.notify (worker-kernel.ts interrupt), which ends the wait
// at once. Returns true when it ended because of SIGINT; the signal is consumed here (cleared),
// as Pyodide does when it raises KeyboardInterrupt itself, so it is not raised twice.
const SIGINT = 2;

export function interruptibleWait(cell: Int32Array): (ms: number) => boolean {
  return (ms) => {
    const deadline = performance.now() + ms;
    for (;;) {
      const signum = Atomics.load(cell, 0);
      if (signum !== 0) {
        // Another signal number is ignored, like Pyodide's default handlers do; it is cleared so
        // that the wait below blocks again instead of spinning.
        Atomics.compareExchange(cell, 0, signum, 0);
        if (signum === SIGINT) return true;
        continue;
      }
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(cell, 0, 0, left);
    }
  };
}
