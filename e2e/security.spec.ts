// Python is untrusted and so is what it prints: a cell cannot call Pylot's API or read its pages
// with the person's cookie, and script in outputs, markdown, titles and file names never runs —
// in the notebook or on the share page.
import { expect, test, type Page } from "@playwright/test";
import { NotebookPage } from "./pages/notebook-page";
import { freePort } from "../scripts/harness/free-port";
import { startStack } from "../scripts/harness/stack";
import { csrfHeaders } from "./support/api";
import { E2E_SECRET } from "./support/config";
import { insertFile } from "./support/db";
import { accountButton, signUp } from "./pages/account";

test("a cell cannot act as the person: fetch with credentials is refused, no document, no cookie store", async ({
  page,
}) => {
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  await nb.execute(
    0,
    `import js
from pyodide.ffi import to_js
opts = to_js({"credentials": "include"}, dict_converter=js.Object.fromEntries)
api = await js.fetch("/api/notebooks", opts)
api_text = await api.text()
page_res = await js.fetch("/notebooks/${"NB_ID"}", opts)
page_text = await page_res.text()
posted = await js.fetch("/api/notebooks", to_js({"method": "POST", "credentials": "include", "headers": {"content-type": "application/json"}, "body": "{}"}, dict_converter=js.Object.fromEntries))
agent_body = '{"prompt": "x", "mode": "auto"}'
agent = await js.fetch("/api/notebooks/${"NB_ID"}/runs", to_js({"method": "POST", "credentials": "include", "headers": {"content-type": "application/json"}, "body": agent_body}, dict_converter=js.Object.fromEntries))
as_json = await js.eval("import('/api/notebooks', {with: {type: 'json'}}).then(() => 'read', () => 'refused')")
print("api", api.status, "notebook-data" if "${"NB_ID"}" in api_text else "no-data")
print("page", page_res.status, "notebook-data" if "Untitled" in page_text else "no-data")
print("post", posted.status)
print("agent", agent.status, agent.headers.get("cross-origin-resource-policy"))
print("json-import", as_json)
print("document", hasattr(js, "document"), js.eval("typeof document"))
print("cookieStore", js.eval("typeof cookieStore"))`.replaceAll("NB_ID", nb.id),
  );
  const out = nb.cell(0).getByTestId("output-stdout");
  await expect(out).toContainText("api 403 no-data");
  await expect(out).toContainText("page 403 no-data");
  await expect(out).toContainText("post 403");
  // The agent's routes are served outside Next's router (scripts/server.ts): same checks, same headers.
  await expect(out).toContainText("agent 403 same-origin");
  await expect(out).toContainText("json-import refused");
  await expect(out).toContainText("document False undefined");
  await expect(out).toContainText("cookieStore undefined");
  // The page itself still works: its api-client sends the token (the outputs above were saved).
  await nb.waitSaved();
  await page.reload();
  await expect(nb.cell(0).getByTestId("output-stdout")).toContainText("api 403");
});

test("a cell cannot act as a signed-in person: the session cookie is HttpOnly and every use of it is refused", async ({
  page,
}) => {
  const email = await signUp(page);
  const nb = await NotebookPage.create(page);
  // A hang detector only: Python's start-up on a loaded 2-core machine can pass a minute.
  await nb.waitForKernel("ready", 120_000);
  await nb.execute(
    0,
    `import js
from pyodide.ffi import to_js
def opts(method="GET"):
    return to_js({"method": method, "credentials": "include", "headers": {"content-type": "application/json"}, **({"body": "{}"} if method == "POST" else {})}, dict_converter=js.Object.fromEntries)
session = await js.fetch("/api/auth/get-session", opts())
session_text = await session.text()
out = await js.fetch("/api/auth/sign-out", opts("POST"))
everywhere = await js.fetch("/api/auth/revoke-sessions", opts("POST"))
listed = await js.fetch("/api/auth/list-sessions", opts())
listed_text = await listed.text()
sessions_page = await js.fetch("/account/sessions", opts())
mine = await js.fetch("/api/notebooks", opts())
print("get-session", session.status, "email" if "${"EMAIL"}" in session_text else "no-email")
print("sign-out", out.status)
print("revoke-sessions", everywhere.status)
print("list-sessions", listed.status, "token" if "token" in listed_text else "no-token")
print("sessions-page", sessions_page.status)
print("notebooks", mine.status)`.replaceAll("EMAIL", email),
  );
  const out = nb.cell(0).getByTestId("output-stdout");
  await expect(out).toContainText("get-session 403 no-email");
  await expect(out).toContainText("sign-out 403");
  await expect(out).toContainText("revoke-sessions 403");
  await expect(out).toContainText("list-sessions 403 no-token");
  await expect(out).toContainText("sessions-page 403");
  await expect(out).toContainText("notebooks 403");
  const cookie = (await page.context().cookies()).find((c) => c.name === "pylot.session_token");
  expect(cookie?.httpOnly).toBe(true);
  // Still signed in: the cell's attempts changed nothing.
  await nb.waitSaved();
  await page.goto("/");
  await expect(accountButton(page, email)).toBeVisible();
});

const PWN = "window.top.__pwned=1;window.__pwned=1;alert(1)";
const HTML_PAYLOAD = `<script>${PWN}</script><img src=x onerror="${PWN}"><a id=js-link href="javascript:${PWN}">js link</a><svg onload="${PWN}"></svg><iframe srcdoc="<script>${PWN}</script>"></iframe>`;
const SVG_PAYLOAD = `<svg xmlns="http://www.w3.org/2000/svg" onload="${PWN}"><script>${PWN}</script><rect width="9" height="9"/></svg>`;
const MARKDOWN_PAYLOAD = `# md <script>${PWN}</script>\n\n<img src=x onerror="${PWN}">\n\n[click me](javascript:${PWN})\n\n<svg onload="${PWN}"></svg>`;
const TITLE_PAYLOAD = `<img src=x onerror="${PWN}"> title`;
const FILE_PAYLOAD = `data/<img src=x onerror="${PWN}">.csv`;

async function expectNothingRan(page: Page, dialogs: string[]) {
  // Give late handlers (image errors, iframe loads) a chance to fire.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test("script in outputs, markdown, titles and file names never runs, in the notebook or on the share page", async ({
  page,
  browser,
}) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const nb = await NotebookPage.create(page);
  await nb.waitForKernel();
  const h = await csrfHeaders(page.context());
  await page.request.patch(`/api/notebooks/${nb.id}`, { data: { title: TITLE_PAYLOAD }, headers: h });
  await page.request.post(`/api/notebooks/${nb.id}/cells`, {
    data: { index: 1, kind: "markdown", source: MARKDOWN_PAYLOAD },
    headers: h,
  });
  await insertFile(nb.id, FILE_PAYLOAD, "x");
  await page.reload();
  await nb.waitForKernel();
  await nb.execute(
    0,
    `class Html:
    def _repr_html_(self):
        return ${JSON.stringify(HTML_PAYLOAD)}
class Svg:
    def _repr_svg_(self):
        return ${JSON.stringify(SVG_PAYLOAD)}
class Md:
    def _repr_markdown_(self):
        return ${JSON.stringify(MARKDOWN_PAYLOAD)}
display(Html())
display(Svg())
display(Md())
print(${JSON.stringify(HTML_PAYLOAD)})`,
  );
  await expect(nb.cell(0).getByTestId("output-display")).toHaveCount(3); // sanitized HTML, SVG image, rendered markdown
  await expect(page.getByTestId("markdown-rendered").first()).toContainText("md");
  await expect(page.getByLabel("Notebook title")).toHaveValue(TITLE_PAYLOAD); // a value, never markup
  // Click the javascript: link inside the HTML output and the one in the markdown.
  await nb.cell(0).getByTestId("output-display").first().locator("#js-link").click();
  await page.getByTestId("markdown-rendered").first().getByText("click me").click();
  await expectNothingRan(page, dialogs);
  await nb.waitSaved();

  // Same payloads on the share page, opened by someone else.
  await page.getByRole("button", { name: "Share" }).click();
  await page.getByRole("button", { name: "Create link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  const ctx = await browser.newContext();
  const reader = await ctx.newPage();
  const readerDialogs: string[] = [];
  reader.on("dialog", (d) => {
    readerDialogs.push(d.message());
    void d.dismiss();
  });
  await reader.goto(url);
  await expect(reader.getByTestId("shared-title")).toHaveText(TITLE_PAYLOAD);
  await expect(reader.getByRole("link", { name: FILE_PAYLOAD })).toBeVisible();
  await expect(reader.getByTestId("shared-cell").nth(0).getByTestId("output-display")).toHaveCount(3);
  await reader.getByTestId("shared-cell").nth(0).getByTestId("output-display").first().locator("#js-link").click();
  await reader.getByTestId("markdown-rendered").first().getByText("click me").click();
  await expectNothingRan(reader, readerDialogs);
  await ctx.close();
});

test("pages carry a CSP that still lets the notebook (inline boot script, Pyodide, Monaco) work", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const nb = await NotebookPage.create(page);
  const res = await page.goto(page.url());
  const csp = res!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'wasm-unsafe-eval'/);
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await nb.waitForKernel();
  await nb.execute(0, "sum(range(10))");
  await expect(nb.cell(0).getByTestId("output-result")).toHaveText("45");
  await expect(nb.cell(0).locator(".monaco-editor")).toBeVisible();
  expect(violations).toEqual([]);
  // Markup that got past every sanitizer still cannot run: inline handlers are refused by the CSP.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML("beforeend", '<img src="/nope.png" onerror="window.__inline = 1">'),
  );
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline ?? null)).toBeNull();
});

/** Console messages that report a CSP violation, from now on. */
function cspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

/** The page's response carries a nonce policy, and every script on it carries that nonce and ran. */
async function expectNoncedPage(page: Page, res: Awaited<ReturnType<Page["goto"]>>) {
  const csp = res!.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, `CSP of ${page.url()}: ${csp}`).toBeTruthy();
  // Every script tag the server sent (scripts Next adds later are allowed by 'strict-dynamic').
  const tags = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
  // Next's inline bootstrap ran (it would be refused without the nonce), and the page hydrated.
  await page.waitForFunction(() => Array.isArray((self as unknown as { __next_f?: unknown[] }).__next_f));
}

test("404 pages carry the CSP and their scripts its nonce: no violations, wherever the 404 comes from", async ({
  page,
}) => {
  const violations = cspViolations(page);
  for (const path of ["/no-such-page", `/notebooks/${crypto.randomUUID()}`, "/api/no-such-route", "/s/x/y/z/w"]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expectNoncedPage(page, res);
  }
  expect(violations).toEqual([]);
});

test("a database outage shows a reconnecting page under the CSP, which recovers by itself", async ({ page }) => {
  const stack = await startStack({ port: await freePort(), secret: E2E_SECRET });
  try {
    const violations = cspViolations(page);
    await page.goto(`${stack.url}/`);
    await expect(page.getByRole("heading", { name: "Pylot" })).toBeVisible();
    await stack.database.stop();
    const res = await page.goto(`${stack.url}/`);
    await expect(page.getByRole("heading", { name: "Reconnecting…" })).toBeVisible();
    await expectNoncedPage(page, res);
    await stack.database.start();
    // The page reloads itself (a meta refresh, no script) and finds the database back.
    await expect(page.getByRole("heading", { name: "Pylot" })).toBeVisible();
    expect(violations).toEqual([]);
  } finally {
    await stack.stop();
  }
});
