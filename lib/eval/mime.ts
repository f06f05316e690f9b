// The MIME type the notebook context shows for an input file, from its extension.
const TYPES: Record<string, string> = {
  csv: "text/csv",
  tsv: "text/tab-separated-values",
  json: "application/json",
  txt: "text/plain",
  log: "text/plain",
  md: "text/markdown",
  xml: "application/xml",
  sql: "application/sql",
  db: "application/vnd.sqlite3",
  sqlite: "application/vnd.sqlite3",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  ppm: "image/x-portable-pixmap",
  pgm: "image/x-portable-graymap",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  zip: "application/zip",
};

export function mimeOf(path: string): string {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return TYPES[ext] ?? "application/octet-stream";
}
