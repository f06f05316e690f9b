// Shapes a cell's outputs into what the model sees (a tool_result's content): text kept as head
// + tail with a marker saying how much was cut, tracebacks whole, images as image blocks so the
// model can see its plots, tables as their text form.
import type { Output } from "@/lib/notebook/outputs";
import { textOf } from "@/lib/notebook/mime";

export interface ObservationLimits {
  /** Characters of text kept (head + tail). */
  maxTextChars: number;
  maxImages: number;
  /** Base64 characters per image; larger images are described instead of sent. */
  maxImageBase64: number;
}

export const DEFAULT_OBSERVATION_LIMITS: ObservationLimits = {
  maxTextChars: 20_000,
  maxImages: 4,
  maxImageBase64: 5 * 1024 * 1024,
};

/** The limits as the model is told them with each request (the system prompt stays the same). */
export function outputLimitsNote(limits: ObservationLimits): string {
  return `<output_limits>A cell's text output you receive is cut to ${limits.maxTextChars.toLocaleString("en")} characters (head and tail kept); at most ${limits.maxImages} images per cell are attached.</output_limits>`;
}

export type ObservationBlock =
  | { type: "text"; text: string }
  | { type: "image"; source: { type: "base64"; media_type: "image/png" | "image/jpeg" | "image/gif"; data: string } };

export interface Observation {
  content: ObservationBlock[];
  isError: boolean;
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif"] as const;
const DEFAULT_REPR = /^<[\w.]+ object at 0x[0-9a-fA-F]+>$/;

export function shapeObservation(
  outputs: readonly Output[],
  status: "ok" | "error" | "interrupted" | "cancelled",
  extras: string[] = [],
  limits: ObservationLimits = DEFAULT_OBSERVATION_LIMITS,
): Observation {
  const parts: string[] = [];
  const images: ObservationBlock[] = [];
  let droppedImages = 0;
  for (const o of outputs) {
    switch (o.output_type) {
      case "stream":
        parts.push(o.name === "stderr" ? `[stderr]\n${o.text}` : o.text);
        break;
      case "error":
        parts.push(o.traceback.length ? o.traceback.join("\n") : `${o.ename}: ${o.evalue}`);
        break;
      case "execute_result":
      case "display_data": {
        const image = IMAGE_TYPES.find((t) => typeof o.data[t] === "string");
        if (image) {
          const data = textOf(o.data[image]).replace(/\s/g, "");
          if (images.length < limits.maxImages && data.length <= limits.maxImageBase64) {
            images.push({ type: "image", source: { type: "base64", media_type: image, data } });
            parts.push(`[image ${images.length} attached: ${image}]`);
          } else {
            droppedImages++;
            parts.push(`[image not attached: ${image}, limit reached]`);
          }
        }
        if (image) break;
        // text/plain first (a DataFrame's is its table), unless it is only Python's default
        // "<X object at 0x…>": then the HTML (e.g. a table) says more, as text.
        const plain = o.data["text/plain"];
        const informative = plain !== undefined && !DEFAULT_REPR.test(textOf(plain).trim());
        const text = (informative ? plain : undefined) ?? o.data["text/markdown"] ?? o.data["application/json"];
        if (text !== undefined)
          parts.push(typeof text === "string" || Array.isArray(text) ? textOf(text) : JSON.stringify(text));
        else if (o.data["text/html"] !== undefined) parts.push(stripHtml(textOf(o.data["text/html"])));
        else if (plain !== undefined) parts.push(textOf(plain));
        break;
      }
    }
  }
  if (status === "interrupted") parts.push("[execution was interrupted]");
  if (status === "cancelled") parts.push("[execution was cancelled before it started]");
  parts.push(...extras);
  // Leading spaces are kept: a table's header row is aligned with them.
  let text = parts
    .join(parts.length > 1 ? "\n" : "")
    .replace(/^(?:[ \t]*\n)+/, "")
    .trimEnd();
  if (!text) text = "[no output]";
  if (droppedImages) text += `\n[${droppedImages} image(s) not attached]`;
  return {
    content: [{ type: "text", text: truncateMiddle(text, limits.maxTextChars) }, ...images],
    isError: status !== "ok",
  };
}

/** Keeps the head and the tail (where tracebacks and final results are) and says what was cut. */
export function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.4);
  const tail = max - head;
  const cut = text.slice(head, text.length - tail);
  const lines = cut.split("\n").length - 1;
  return `${text.slice(0, head)}\n[… ${cut.length.toLocaleString("en")} characters (${lines.toLocaleString("en")} lines) cut …]\n${text.slice(text.length - tail)}`;
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/t[dh]>\s*(?=<\/tr>)/gi, "")
    .replace(/<\/(tr|p|div|h\d|li)>/gi, "\n")
    .replace(/<\/t[dh]>/gi, "\t")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\s*\n|\s+$/g, ""); // a leading tab is an empty header cell: keep it
}
