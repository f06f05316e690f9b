// The suite: every task written for this project, in a stable order.
import type { EvalTask } from "@/lib/eval/task";
import { CONVERSION_TASKS } from "./conversion";
import { CSV_TASKS } from "./csv";
import { IMAGE_TASKS } from "./image";
import { MATH_TASKS } from "./math";
import { PACKAGE_TASKS } from "./packages";
import { STATS_TASKS } from "./stats";
import { TEXT_TASKS } from "./text";

export const ALL_TASKS: readonly EvalTask[] = [
  ...CSV_TASKS,
  ...STATS_TASKS,
  ...TEXT_TASKS,
  ...MATH_TASKS,
  ...CONVERSION_TASKS,
  ...IMAGE_TASKS,
  ...PACKAGE_TASKS,
];

const ids = new Set<string>();
for (const t of ALL_TASKS) {
  if (ids.has(t.id)) throw new Error(`duplicate task id ${t.id}`);
  ids.add(t.id);
}
