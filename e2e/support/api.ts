// Direct API calls from a test act as the page's api-client does: they echo the double-submit
// token cookie (pylot_csrf) in the x-pylot-csrf header.
import type { BrowserContext } from "@playwright/test";

export async function csrfHeaders(context: BrowserContext): Promise<Record<string, string>> {
  const token = (await context.cookies()).find((c) => c.name === "pylot_csrf")?.value;
  if (!token) throw new Error("no pylot_csrf cookie: open a page first");
  return { "x-pylot-csrf": token };
}
