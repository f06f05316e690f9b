// Output written to file descriptors 1/2 directly (os.write, C extensions), which bypasses
// the runner's sys.stdout. Pyodide calls our writer with the GIL released, so the text
// cannot go through the runner's Python outbox; it is batched here the same way (at most
// every 16 ms or 64 KB) and flushed before each runner batch and before the run ends, so
// it stays roughly in order with print() output.
import type { StreamOutput } from "@/lib/notebook/outputs";

const FLUSH_MS = 16;
const FLUSH_CHARS = 64 * 1024;

export class RawOutput {
  private name: StreamOutput["name"] | null = null;
  private text = "";
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /** `send` posts a batch for the running cell; null between runs. */
  constructor(private readonly send: (output: StreamOutput) => boolean) {}

  /** A Pyodide Writer for one stream: returns the byte count, as write(2) would. */
  writer(name: StreamOutput["name"]): { write(buffer: Uint8Array): number; isatty: boolean } {
    return {
      isatty: false,
      write: (buffer) => {
        this.add(name, this.decoders[name].decode(buffer, { stream: true }));
        return buffer.length;
      },
    };
  }

  flush(): void {
    if (this.text && this.name && !this.send({ output_type: "stream", name: this.name, text: this.text })) {
      console.log(this.text); // between runs (a callback, a timer): keep it visible somewhere
    }
    this.name = null;
    this.text = "";
    this.lastFlush = performance.now();
  }

  private add(name: StreamOutput["name"], text: string): void {
    if (this.name !== name) this.flush();
    this.name = name;
    this.text += text;
    if (this.text.length >= FLUSH_CHARS || performance.now() - this.lastFlush >= FLUSH_MS) this.flush();
  }
}
