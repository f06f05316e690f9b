// Standalone fake: `tsx e2e/fake-anthropic/cli.ts --port 4010 [--default-scenario echo]
// [--api-key KEY] [--min-cacheable-tokens N] [--prefix-check error|off] [--quiet]`. The eval's
// reference answers are a scenario too (`--default-scenario eval-reference` plays each task's
// reference solution, so `npm run eval -- --policy real` can run against this fake). Prints the base URL on its own first line of stdout, so a parent
// process can wait for it and pass it on as ANTHROPIC_BASE_URL.
import { parseArgs } from "node:util";
import { ALL_TASKS } from "../../eval/tasks";
import { REFERENCE_SCENARIO, referenceScenario } from "./eval-policies";
import { startFakeAnthropic } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    "default-scenario": { type: "string" },
    "api-key": { type: "string" },
    "min-cacheable-tokens": { type: "string" },
    "prefix-check": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const prefixCheck = values["prefix-check"] ?? "error";
if (prefixCheck !== "error" && prefixCheck !== "off") {
  console.error(`fake-anthropic: --prefix-check must be "error" or "off" (got "${prefixCheck}")`);
  process.exit(2);
}

const fake = await startFakeAnthropic({
  port: Number(values.port),
  host: values.host,
  defaultScenario: values["default-scenario"],
  scenarios: { [REFERENCE_SCENARIO]: referenceScenario(ALL_TASKS) },
  apiKey: values["api-key"],
  minCacheableTokens: values["min-cacheable-tokens"] ? Number(values["min-cacheable-tokens"]) : undefined,
  prefixCheck,
  onRequestDone: values.quiet
    ? undefined
    : (r) =>
        console.error(
          `fake-anthropic: #${r.seq} ${r.method} ${r.path} model=${r.model ?? "-"} scenario=${r.scenario ?? "-"} step=${r.step ?? "-"} ` +
            `status=${r.status ?? "-"}${r.closedEarly ? " closed-early" : ""}`,
        ),
});
console.log(fake.url);

const stop = () => {
  void fake.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
