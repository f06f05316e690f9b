// The title of an imported notebook: the file's own, unless the person already has a notebook of
// that name; then "Title (imported)", "Title (imported 2)", … so the copies can be told apart.
import { LIMITS } from "../cell";

const SUFFIX = / \(imported(?: \d+)?\)$/;

/** The part of a title the import suffixes are added to (what to look up among the owner's titles). */
export function importBase(title: string): string {
  return title.replace(SUFFIX, "");
}

export function importedTitle(title: string, taken: ReadonlySet<string>): string {
  if (!taken.has(title)) return title;
  const base = importBase(title);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = base.slice(0, LIMITS.titleLength - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
