// How much C stack CPython may use in Pyodide (stack-limit.ts applies them; kept apart so tests
// can read them without bundling Python sources).

/**
 * The C stack running code may use. Measured in a Chromium worker (2026-12-05, 100 000-deep data;
 * `npm run bench:c-stack` reruns it): json.loads stays a RecursionError up to 64 KB and is fatal
 * from 84 KB, repr of nested lists from 96 KB. Recursion that passes through C (an lru_cache'd
 * function) reaches about 105 levels at 64 KB.
 */
export const RUN_C_STACK_BYTES = 64 * 1024;

/**
 * The C stack CPython's compiler may use: it needs more than 80 KB to compile ordinary modules
 * (`_strptime`, for datetime.strptime), far more than running them, and its recursion is bounded
 * by the nesting of the source, not by data.
 */
export const COMPILE_C_STACK_BYTES = 128 * 1024;
