// Loads the tasks of a PyBench checkout (github.com/Mercury7353/PyBench): data/meta/task.json lists
// {index, category1..3, user, file_paths}; inputs are under data/; outputs go to ./output/, named
// by the task index. Its graders are data/unit_test/tests.py functions test_task_<index>(trajectory);
// they run in the task's interpreter when they can (they import pandas and OpenCV at the top), and
// a task whose grader cannot run is reported as ungraded, never guessed.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, normalize } from "node:path";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { EvalTask } from "./task";

const taskSchema = z.object({
  index: z.union([z.string(), z.number()]).transform(String),
  category1: z.string().optional(),
  category2: z.string().optional(),
  user: z.string().min(1),
  file_paths: z.array(z.string()).default([]),
});

/** The checker: PyBench's tests.py, loaded in its own namespace, given the final answer as the trajectory. */
function pythonCheck(testsSource: string, index: string): string {
  const imports = [...testsSource.matchAll(/^(?:import|from)\s+[^\n]+$/gm)].map((m) => `    ${m[0]}`).join("\n");
  return `import json
try:
${imports || "    pass"}
except ImportError:
    pass
ns = {"__name__": "pybench_tests"}
try:
    exec(compile(${JSON.stringify(testsSource)}, "tests.py", "exec"), ns)
except ImportError as e:
    print(json.dumps({"ungraded": True, "reason": f"PyBench's checker cannot run here ({e})"}))
else:
    test = ns.get(${JSON.stringify(`test_task_${index}`)})
    if test is None:
        print(json.dumps({"ungraded": True, "reason": "PyBench has no unit test for this task"}))
    else:
        try:
            test([{"role": "assistant", "content": FINAL_TEXT}])
            print(json.dumps({"pass": True, "reason": "PyBench unit test passed"}))
        except ImportError as e:
            print(json.dumps({"ungraded": True, "reason": f"PyBench's checker cannot run here ({e})"}))
        except AssertionError as e:
            print(json.dumps({"pass": False, "reason": f"PyBench unit test failed: assertion {e}".strip()}))
        except Exception as e:
            print(json.dumps({"pass": False, "reason": f"PyBench unit test failed: {type(e).__name__}: {e}"}))
`;
}

export async function loadPyBench(checkout: string): Promise<EvalTask[]> {
  const metaPath = join(checkout, "data/meta/task.json");
  if (!existsSync(metaPath)) throw new Error(`not a PyBench checkout: ${metaPath} is missing`);
  const raw: unknown = JSON.parse(await readFile(metaPath, "utf8"));
  const parsed = z.array(taskSchema).safeParse(raw);
  if (!parsed.success)
    throw new Error(`${metaPath}: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  const testsPath = join(checkout, "data/unit_test/tests.py");
  const tests = existsSync(testsPath) ? await readFile(testsPath, "utf8") : null;
  return parsed.data.map((t): EvalTask => {
    const paths = t.file_paths.map((p) => normalize(p).replace(/^\.\//, ""));
    const bad = paths.find((p) => p.startsWith("..") || p.startsWith("/"));
    if (bad) throw new Error(`task ${t.index}: file path ${bad} leaves the checkout`);
    const where = paths.length ? `The data is at ${paths.map((p) => `./${p}`).join(", ")}. ` : "";
    const hasTest = tests !== null && new RegExp(`^def test_task_${t.index}\\(`, "m").test(tests);
    return {
      id: `pybench-${t.index}`,
      category: "pybench",
      // PyBench's own convention: files the task produces are ./output/<index>.<ext>.
      prompt: `${t.user.trim()}\n\n${where}Save any file you produce under ./output/, named ${t.index}.<extension> (for example ./output/${t.index}.csv or ./output/${t.index}.png).`,
      files: () =>
        new Map(
          paths.map((p) => {
            const full = join(checkout, p);
            if (!existsSync(full)) throw new Error(`PyBench input ${p} is missing from the checkout`);
            return [p.startsWith("data/") ? p : `data/${p}`, new Uint8Array(readFileSync(full))];
          }),
        ),
      packages: [],
      pythonCheck: hasTest ? pythonCheck(tests!, t.index) : undefined,
      source: "pybench",
    };
  });
}
