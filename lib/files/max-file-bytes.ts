// The per-file upload limit (server side): PYLOT_MAX_FILE_BYTES, default 50 MB.
import { DEFAULT_MAX_FILE_BYTES } from "./file-paths";

export function maxFileBytes(): number {
  const raw = process.env.PYLOT_MAX_FILE_BYTES;
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  // The database column is an INTEGER and a bytea value tops out at 1 GB.
  return Number.isInteger(n) && n >= 0 ? Math.min(n, 1024 * 1024 * 1024 - 1) : DEFAULT_MAX_FILE_BYTES;
}
