// Benchmark floor: the least a page can do to get Python running — a module worker that
// only calls loadPyodide (no snapshot, no runner). Compiled to public/bench/floor-worker.js;
// public/bench/floor.html starts it. The notebook's start-up is reported against this.
const t0 = performance.now();
const { loadPyodide } = (await import(
  /* webpackIgnore: true */ new URL("/pyodide/pyodide.mjs", globalThis.location.href).href
)) as typeof import("pyodide");
await loadPyodide({ indexURL: "/pyodide/" });
(globalThis as unknown as { postMessage(message: unknown): void }).postMessage({
  type: "ready",
  workerMs: performance.now() - t0,
});

export {};
