// --tasks: a comma-separated list of ids, globs ("csv-*"), categories ("text"), or the sets
// "stdlib" (no packages needed) and "packages". Unknown names are an error, not an empty run.
import { CATEGORIES, isStdlibOnly, type EvalTask } from "./task";

export function selectTasks(all: readonly EvalTask[], spec: string | undefined): EvalTask[] {
  if (!spec || spec.trim() === "" || spec.trim() === "all") return [...all];
  const chosen = new Set<EvalTask>();
  for (const raw of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    let matched: EvalTask[];
    if (raw === "stdlib") matched = all.filter(isStdlibOnly);
    else if (raw === "packages") matched = all.filter((t) => !isStdlibOnly(t));
    else if ((CATEGORIES as readonly string[]).includes(raw)) matched = all.filter((t) => t.category === raw);
    else if (raw.includes("*") || raw.includes("?")) {
      const re = new RegExp(
        `^${raw
          .replace(/[.+^${}()|[\]\\]/g, "\\$&")
          .replace(/\*/g, ".*")
          .replace(/\?/g, ".")}$`,
      );
      matched = all.filter((t) => re.test(t.id));
    } else matched = all.filter((t) => t.id === raw);
    if (matched.length === 0)
      throw new Error(
        `--tasks: "${raw}" matches no task (ids, globs like "csv-*", categories ${CATEGORIES.join("/")}, "stdlib", "packages")`,
      );
    for (const t of matched) chosen.add(t);
  }
  return all.filter((t) => chosen.has(t));
}
