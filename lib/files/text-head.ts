// The beginning of a file as text: for previews (a CSV's first rows, a text file's head) and for
// the agent's context. Bytes that are not UTF-8 are shown as U+FFFD and flagged, never refused.

export interface TextHead {
  text: string;
  /** More bytes followed than were decoded. */
  truncated: boolean;
  notUtf8: boolean;
}

/** Decodes at most maxBytes from the start, without cutting a UTF-8 sequence in half. */
export function decodeHead(bytes: Uint8Array, maxBytes: number): TextHead {
  let end = Math.min(bytes.length, maxBytes);
  const truncated = end < bytes.length;
  if (truncated) {
    // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
    let back = end;
    while (back > 0 && back > end - 4 && (bytes[back]! & 0xc0) === 0x80) back--;
    if (back > 0) end = back;
  }
  const slice = bytes.subarray(0, end);
  let notUtf8 = false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(slice);
  } catch {
    notUtf8 = true;
  }
  let text = new TextDecoder("utf-8").decode(slice);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM
  return { text, truncated, notUtf8 };
}

/** The first `maxRows` records of CSV text (RFC 4180: quoted fields may hold commas, quotes, newlines). */
export function csvRows(text: string, maxRows: number, delimiter = ","): { rows: string[][]; complete: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length && rows.length < maxRows) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else field += c;
    i++;
  }
  const complete = i >= text.length;
  if (rows.length < maxRows && (field !== "" || row.length > 0)) {
    row.push(field);
    rows.push(row);
  }
  return { rows, complete };
}

/** The first lines of a text, at most maxLines and maxChars, for the agent's context. */
export function firstLines(text: string, maxLines: number, maxChars: number): { text: string; cut: boolean } {
  const lines = text.split(/\r?\n/);
  let out = lines.slice(0, maxLines).join("\n");
  let cut = lines.length > maxLines;
  if (out.length > maxChars) {
    out = out.slice(0, maxChars);
    cut = true;
  }
  return { text: out, cut };
}
