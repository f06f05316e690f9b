// Pulls the `code` string out of a tool input that arrives as partial JSON chunks
// (input_json_delta), decoding escapes as they complete, so code can stream into the editor.
export class PartialCodeDecoder {
  private raw = "";
  private scanned = 0;
  private inCode = false;
  private done = false;
  private pendingEscape = "";

  /** Feeds a chunk; returns the newly decoded code characters (possibly ""). */
  push(chunk: string): string {
    this.raw += chunk;
    if (this.done) return "";
    if (!this.inCode) {
      const m = /"code"\s*:\s*"/.exec(this.raw);
      if (!m) return "";
      this.inCode = true;
      this.scanned = m.index + m[0].length;
    }
    let out = "";
    while (this.scanned < this.raw.length) {
      const ch = this.raw[this.scanned]!;
      if (this.pendingEscape) {
        this.pendingEscape += ch;
        const decoded = decodeEscape(this.pendingEscape);
        if (decoded === null) {
          this.scanned++;
          continue; // \uXXXX not complete yet
        }
        out += decoded;
        this.pendingEscape = "";
      } else if (ch === "\\") {
        this.pendingEscape = "\\";
      } else if (ch === '"') {
        this.done = true;
        this.scanned++;
        break;
      } else {
        out += ch;
      }
      this.scanned++;
    }
    return out;
  }
}

const SIMPLE: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function decodeEscape(seq: string): string | null {
  const kind = seq[1];
  if (kind === undefined) return null;
  if (kind !== "u") return SIMPLE[kind] ?? kind;
  if (seq.length < 6) return null;
  return String.fromCharCode(parseInt(seq.slice(2, 6), 16));
}
