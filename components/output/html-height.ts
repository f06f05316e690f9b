// The sandboxed HTML frame is cross-origin to us by design, so its content height cannot be
// read and the frame cannot tell us. We size it from the markup instead: table rows and block
// elements by their usual line height (13px text, 2px cell padding), within bounds; taller
// content scrolls inside the frame.
const ROW_PX = 23;
const BLOCK_PX = 22;
const MIN_PX = 40;
const MAX_PX = 600;

export function estimateHtmlHeight(html: string): number {
  const rows = html.match(/<tr[\s>]/gi)?.length ?? 0;
  const blocks = html.match(/<(p|div|h[1-6]|li|br|pre|caption)[\s>/]/gi)?.length ?? 0;
  const estimate = rows * ROW_PX + blocks * BLOCK_PX + 16;
  return Math.max(MIN_PX, Math.min(MAX_PX, estimate));
}
