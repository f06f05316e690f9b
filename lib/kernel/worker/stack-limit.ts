// CPython 3.14 guards C recursion (json, repr, pickle of deep data) by the C stack pointer, against
// the whole Emscripten stack (about 10 MB of linear memory). In Pyodide every C frame is also a
// wasm frame on the JS engine's own stack, which is far smaller (about 1 MB in a Chromium worker,
// not configurable), so deep C recursion overflows the engine's stack first: "RangeError: Maximum
// call stack size exceeded", a fatal Pyodide error, instead of a RecursionError. Telling CPython
// its stack is smaller makes its own check fire first. Python-to-Python calls use no C stack and
// stay governed by sys.getrecursionlimit().
import type { PyodideAPI } from "pyodide";

/**
 * The C stack CPython may use. Two bounds that do not meet in Chromium (measured 2026-12-05):
 * CPython's compiler needs more than 80 KB to import ordinary modules (`_strptime`, for
 * datetime.strptime: "Stack overflow during compilation" at 80 KB), while json.load of 100 000
 * nested lists overflows a Chromium worker's JS stack at 84 KB (a fatal error, recovered by the
 * automatic restart) and raises RecursionError at 64 KB. Ordinary code wins: 96 KB. In Node the
 * JS stack is larger and the deep document is a RecursionError at this size.
 */
export const C_STACK_BYTES = 96 * 1024;

interface EmscriptenModule {
  _PyThreadState_Get(): number;
  _emscripten_stack_get_base(): number;
  _PyUnstable_ThreadState_SetStackProtection(tstate: number, start: number, size: number): number;
}

export function limitCStack(py: PyodideAPI, bytes = C_STACK_BYTES): void {
  const m = (py as unknown as { _module: EmscriptenModule })._module;
  // The stack grows down from its base: the protected region is its top `bytes`.
  const base = m._emscripten_stack_get_base();
  const failed = m._PyUnstable_ThreadState_SetStackProtection(m._PyThreadState_Get(), base - bytes, bytes);
  if (failed !== 0) throw new Error("could not set the C stack limit");
}
