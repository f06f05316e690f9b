// Grades a finished task: the TypeScript checker, or the Python one run in the task's interpreter
// in a namespace of its own (after the agent is done, so the model never sees it). A checker that
// throws fails the task with its message rather than crashing the suite.
import type { NodeKernel } from "@/lib/kernel/node/node-kernel";
import type { CheckInput, EvalTask } from "./task";
import type { Outcome } from "./trace";

export async function runChecker(
  task: EvalTask,
  input: CheckInput,
  kernel: NodeKernel | null,
): Promise<{ outcome: Outcome; reason: string }> {
  if (task.check) {
    try {
      const r = task.check(input);
      return { outcome: r.pass ? "pass" : "fail", reason: r.reason };
    } catch (e) {
      return { outcome: "fail", reason: `checker raised: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  if (task.pythonCheck && kernel) return runPythonCheck(task.pythonCheck, input.finalText, kernel);
  return { outcome: "ungraded", reason: "no checker can run for this task" };
}

const MARK = "__pylot_check__";

async function runPythonCheck(
  source: string,
  finalText: string,
  kernel: NodeKernel,
): Promise<{ outcome: Outcome; reason: string }> {
  // The agent may have changed the cwd or broken print(); the checker restores both first.
  const wrapper = `
def _pylot_check(src, final_text):
    import builtins, io, json, os, sys, contextlib
    os.chdir(os.path.expanduser("~"))
    buf = io.StringIO()
    ns = {"__name__": "__pylot_check__", "FINAL_TEXT": final_text}
    try:
        with contextlib.redirect_stdout(buf):
            exec(compile(src, "<checker>", "exec"), ns)
        lines = [l for l in buf.getvalue().splitlines() if l.strip()]
        verdict = json.loads(lines[-1]) if lines else {"pass": False, "reason": "checker printed nothing"}
    except ImportError as e:
        verdict = {"ungraded": True, "reason": f"the checker cannot run here ({e})"}
    except Exception as e:
        verdict = {"pass": False, "reason": f"checker raised {type(e).__name__}: {e}"}
    print(${JSON.stringify(MARK)} + json.dumps(verdict))
_pylot_check(${JSON.stringify(source)}, ${JSON.stringify(finalText)})
del _pylot_check`;
  const r = await kernel.run(wrapper, { timeoutMs: 30_000 });
  const text = r.outputs.map((o) => (o.output_type === "stream" ? o.text : "")).join("");
  const line = text.split("\n").find((l) => l.startsWith(MARK));
  if (!line) return { outcome: "fail", reason: `python checker did not report (status ${r.status})` };
  const verdict = JSON.parse(line.slice(MARK.length)) as { pass?: unknown; ungraded?: unknown; reason?: unknown };
  if (verdict.ungraded === true)
    return { outcome: "ungraded", reason: String(verdict.reason ?? "the checker cannot run here") };
  return { outcome: verdict.pass === true ? "pass" : "fail", reason: String(verdict.reason ?? "") };
}
