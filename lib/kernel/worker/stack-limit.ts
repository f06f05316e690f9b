// CPython 3.14 guards C recursion (json, repr, pickle of deep data) by the C stack pointer, against
// the whole Emscripten stack (about 10 MB of linear memory). In Pyodide every C frame is also a
// wasm frame on the JS engine's own stack, which is far smaller (about 1 MB in a Chromium worker,
// not configurable), so deep C recursion overflows the engine's stack first: "RangeError: Maximum
// call stack size exceeded", a fatal Pyodide error, instead of a RecursionError. Telling CPython
// its stack is smaller makes its own check fire first. Python-to-Python calls use no C stack and
// stay governed by sys.getrecursionlimit().
import type { PyodideAPI } from "pyodide";

/**
 * The C stack CPython may use. json.loads of 100 000 nested lists overflows V8's stack after about
 * 140 KB of C stack (and raises RecursionError at 128 KB). The limit must also leave CPython's own
 * compiler room: importing ordinary modules (e.g. `_strptime`, for datetime.strptime) needs more than
 * 48 KB under its safety margin, so 64 KB failed real cells with "Stack overflow during compilation".
 */
export const C_STACK_BYTES = 112 * 1024;

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
