// The Anthropic SDK console.warns "The model '…' is deprecated and will reach end-of-life on …"
// on every call with such a model (claude-opus-4-5 in SDK 1.17.0; still needed), outside its logger
// and log level: in a server that is three log lines and a synchronous stderr write per model step.
// Installed once by the SDK client module, this lets the first notice per model through and drops
// the repeats; every other warning passes unchanged.
const DEPRECATION = /^The model '([^']+)' is deprecated and will reach end-of-life/;

let installed = false;

export function warnDeprecatedModelsOnce(): void {
  if (installed) return;
  installed = true;
  const warned = new Set<string>();
  const warn = console.warn;
  console.warn = function (this: Console, ...args: unknown[]) {
    const model = typeof args[0] === "string" ? DEPRECATION.exec(args[0])?.[1] : undefined;
    if (model !== undefined) {
      if (warned.has(model)) return;
      warned.add(model);
    }
    return warn.apply(this, args);
  };
}
