// What the browser is told about the models it may pick (GET /api/models), shared by the route
// and the agent panel. The server merges the API's live list with the capability table.
export const EFFORTS = ["low", "medium", "high", "xhigh", "max"] as const;
export type Effort = (typeof EFFORTS)[number];

/** One sentence per level: what it does to cost and speed (shown under the effort picker). */
export const EFFORT_HINTS: Record<Effort, string> = {
  low: "Fastest and cheapest: little thinking; fine for simple lookups and quick plots.",
  medium: "Balanced: thinks where it helps; usually fewer tokens than high.",
  high: "Thorough (the API's default): more thinking and tokens per step, slower but more reliable on multi-step analysis.",
  xhigh: "Extra thinking on hard problems: noticeably slower and costlier per step.",
  max: "Thinks as long as it needs: the slowest and most expensive; for the hardest problems only.",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2027-01-22" → "22 Jan 2027", by hand so the server and the page print the same; else as given. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** The one sentence about a retired model, shown by the panel and sent in the API's 400. */
export function retiredSentence(name: string, retiredOn: string | null, replacementName: string): string {
  const what = retiredOn
    ? `${name} was retired on ${formatDay(retiredOn)} and no longer answers.`
    : `${name} has been retired and no longer answers.`;
  return `${what} Switch to ${replacementName} to keep going.`;
}

export interface ModelPriceInfo {
  /** USD per million tokens. */
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface ModelOption {
  id: string;
  displayName: string;
  /** Retired models are never offered. */
  lifecycle: "active" | "deprecated";
  /** ISO date (YYYY-MM-DD) the model stops answering, when announced. */
  retiresAt: string | null;
  /** Effort levels the model accepts (empty: no effort setting). */
  efforts: Effort[];
  /** What the API uses when no effort is sent (null: no effort setting). */
  defaultEffort: Effort | null;
  /** The model thinks (its progress notes can be shown). */
  thinking: boolean;
  contextWindow: number | null;
  maxOutput: number | null;
  /** Null when the model is not in the price table (it is then priced as the most expensive). */
  price: ModelPriceInfo | null;
}

export interface RetiredModel {
  id: string;
  displayName: string;
  /** ISO date it stopped answering, when known. */
  retiredOn: string | null;
  /** The model to switch to. */
  replacement: string;
}

export interface ModelsResponse {
  models: ModelOption[];
  defaultModel: string;
  /** Models known to be retired, so a notebook saved with one can say so and offer the replacement. */
  retired: RetiredModel[];
  /** "api": the list came from the Models API; "table": the API could not be reached. */
  source: "api" | "table";
  /** When the list was read (ISO timestamp). */
  checkedAt: string;
}
