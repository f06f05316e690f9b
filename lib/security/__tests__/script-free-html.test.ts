import { describe, expect, it } from "vitest";
import { withoutScripts } from "../script-free-html";

describe("withoutScripts", () => {
  it("removes inline and external scripts and script preloads, keeps the rest", () => {
    const html =
      '<html><head><link rel="stylesheet" href="/a.css"/><link rel="preload" as="script" fetchPriority="low" href="/x.js"/>' +
      '<link rel="modulepreload" href="/m.js"><link rel="preload" as="font" href="/f.woff2"/>' +
      '<script src="/_next/static/chunks/a.js" async=""></script></head><body><h1>Something went wrong</h1>' +
      '<a href="">Try again</a><script>self.__next_f.push([1,"</div>"])</script><SCRIPT type="module">x()</SCRIPT ></body></html>';
    const out = withoutScripts(html);
    expect(out).not.toMatch(/<script|\.js"|modulepreload/i);
    expect(out).toContain('<link rel="stylesheet" href="/a.css"/>');
    expect(out).toContain('<link rel="preload" as="font" href="/f.woff2"/>');
    expect(out).toContain('<h1>Something went wrong</h1><a href="">Try again</a>');
  });
});
