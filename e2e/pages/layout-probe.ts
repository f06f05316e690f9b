// Layout checks a person would make by eye: nothing sticks out past the screen's right edge, and
// screenshots of what they see, kept with the test's results.
import type { Page, TestInfo } from "@playwright/test";

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 768, height: 1024 };
export const DESKTOP = { width: 1440, height: 900 };

/**
 * Visible elements that reach past the viewport horizontally, unless a scrolling or clipping
 * ancestor that itself fits holds them (a code block that scrolls sideways is fine). Elements
 * parked entirely off the left edge (screen-reader-only text) are not seen and cannot scroll.
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const fits = (r: DOMRect) => r.left >= -1 && r.right <= vw + 1;
    const label = (el: Element) => {
      const id = el.getAttribute("data-testid") ?? el.id;
      const cls = typeof el.className === "string" ? el.className.split(" ").slice(0, 3).join(".") : "";
      return `${el.tagName.toLowerCase()}${id ? `#${id}` : ""}${cls ? `.${cls}` : ""}`;
    };
    const found: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= 0 || fits(r)) continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible" && fits(a.getBoundingClientRect())) {
          clipped = true;
          break;
        }
      }
      if (!clipped) found.push(`${label(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    return found;
  });
}

/** How far the page scrolls sideways (0 when it fits). */
export async function horizontalScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A full-page screenshot kept as a test artifact (attached to the report and saved in test-results/). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}
