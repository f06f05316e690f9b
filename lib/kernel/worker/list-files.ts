// Walks a folder of the Emscripten filesystem for listFiles: regular files only (symlinks are
// not followed), paths reported under the name the page asked for, capped so a runaway loop
// writing a million files cannot flood the page.
import type { PyodideAPI } from "pyodide";

type FS = PyodideAPI["FS"];
const MAX_ENTRIES = 10_000;

export function listFiles(fs: FS, absolute: string, asked: string): { path: string; size: number; mtimeMs: number }[] {
  const out: { path: string; size: number; mtimeMs: number }[] = [];
  const prefix = asked.replace(/\/+$/, "");
  const walk = (dir: string, rel: string) => {
    let names: string[];
    try {
      names = fs.readdir(dir) as string[];
    } catch {
      return; // missing folder (or not a folder): nothing written there yet
    }
    for (const name of names.sort()) {
      if (name === "." || name === ".." || out.length >= MAX_ENTRIES) continue;
      const full = `${dir}/${name}`;
      const st = fs.lstat(full) as { mode: number; size: number; mtime: Date | number };
      const relPath = rel ? `${rel}/${name}` : name;
      if (fs.isDir(st.mode)) walk(full, relPath);
      else if (fs.isFile(st.mode)) out.push({ path: `${prefix}/${relPath}`, size: st.size, mtimeMs: +st.mtime });
    }
  };
  walk(absolute, "");
  return out;
}
