// The share page says when the notebook was saved as a reader would say it ("3 min ago"), with the
// exact UTC time on hover and in the machine-readable datetime.
import { describe, expect, it } from "vitest";
import type { SharedNotebook } from "@/lib/db/shared-notebooks";
import { renderSharePage } from "../share-page-html";

const shared = (updatedAt: string): SharedNotebook => ({
  notebook: { title: "Sales", updatedAt, cells: [] } as unknown as SharedNotebook["notebook"],
  messages: [],
  files: [],
});

describe("share page dates", () => {
  it("shows the saved time relative to the render, the exact time on hover", () => {
    const html = renderSharePage("t".repeat(43), shared("2026-12-05T17:57:09Z"), new Date("2026-12-05T18:00:30Z"));
    expect(html).toContain(
      '<time class="saved" data-testid="shared-saved" datetime="2026-12-05T17:57:09.000Z" title="Saturday, December 5, 2026 at 5:57:09 PM UTC">saved 3 min ago</time>',
    );
  });

  it("falls back to the date for an old notebook", () => {
    const html = renderSharePage("t".repeat(43), shared("2025-03-01T08:00:00Z"), new Date("2026-12-05T18:00:00Z"));
    expect(html).toContain(">saved Mar 1, 2025</time>");
  });
});
