// Copies that cost one stat() per file when nothing changed: prepare.ts runs on every
// install, build and test run, so the up-to-date path must stay in milliseconds.
import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

async function statOrNull(path: string) {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** Copies src to dst unless dst has the same size and mtime (copies keep the source mtime). */
export async function copyIfChanged(src: string, dst: string): Promise<boolean> {
  const [s, d] = await Promise.all([stat(src), statOrNull(dst)]);
  // Timestamps round-trip through doubles and file systems with ms precision at best.
  if (d && d.size === s.size && Math.abs(d.mtimeMs - s.mtimeMs) < 2) return false;
  await mkdir(dirname(dst), { recursive: true });
  await copyFile(src, dst);
  await utimes(dst, s.atimeMs / 1000, s.mtimeMs / 1000);
  return true;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

/** Mirrors a directory: copies what changed and deletes files the source no longer has. */
export async function mirrorDir(srcDir: string, dstDir: string): Promise<{ copied: number; removed: number }> {
  const [srcFiles, dstFiles] = await Promise.all([
    listFiles(srcDir),
    statOrNull(dstDir).then((d) => (d ? listFiles(dstDir) : [])),
  ]);
  const copied = await Promise.all(srcFiles.map((f) => copyIfChanged(join(srcDir, f), join(dstDir, f))));
  const keep = new Set(srcFiles);
  const stale = dstFiles.filter((f) => !keep.has(f));
  await Promise.all(stale.map((f) => rm(join(dstDir, f))));
  return { copied: copied.filter(Boolean).length, removed: stale.length };
}
