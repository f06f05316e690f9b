// Reads a file of the local package mirror for /pyodide-packages/<file>: flat names only
// (what `npm run pyodide:mirror` writes), so no path can leave the mirror folder.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "@/lib/http/app-error";
import { mirrorDir } from "./config";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export async function readMirrorFile(
  name: string,
  env: Record<string, string | undefined> = process.env,
): Promise<{ body: Uint8Array; contentType: string }> {
  if (!SAFE_NAME.test(name) || name.includes("..") || name.endsWith(".part"))
    throw new AppError("not_found", "No such package file.");
  try {
    const body = await readFile(join(mirrorDir(env), name));
    return { body, contentType: name.endsWith(".json") ? "application/json" : "application/octet-stream" };
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT" || (e as { code?: string }).code === "EISDIR") {
      throw new AppError(
        "not_found",
        name === "pyodide-lock.json"
          ? "No local package mirror: run `npm run pyodide:mirror -- <packages>`."
          : "No such package file in the local mirror.",
      );
    }
    throw e;
  }
}
