// The suite: every task written for this project, in a stable order.
import type { EvalTask } from "@/lib/eval/task";
import { CSV_TASKS } from "./csv";

export const ALL_TASKS: readonly EvalTask[] = [...CSV_TASKS];

const ids = new Set<string>();
for (const t of ALL_TASKS) {
  if (ids.has(t.id)) throw new Error(`duplicate task id ${t.id}`);
  ids.add(t.id);
}
