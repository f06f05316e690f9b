// The share page's whole stylesheet, inlined (small): the page needs no CSS bundle from the app,
// and a 304 on revalidation costs nothing. Colours and spacing follow the notebook's Tailwind look;
// the highlight.js part is its GitHub theme (highlight.js/styles/github.css, BSD-3-Clause), with
// the short class names of compactHighlight (share-page-html.ts) next to the long ones.
const SHORT_CLASSES =
  ".code .k,.code .d{color:#d73a49}.code .t,.code .f{color:#6f42c1}.code .l,.code .m,.code .n,.code .o,.code .v{color:#005cc5}" +
  ".code .s{color:#032f62}.code .b{color:#e36209}.code .c{color:#6a737d}.code .u,.code .p{color:#24292e}";
const HLJS_GITHUB =
  ".hljs{color:#24292e}.hljs-doctag,.hljs-keyword,.hljs-meta .hljs-keyword,.hljs-template-tag,.hljs-template-variable,.hljs-type,.hljs-variable.language_{color:#d73a49}" +
  ".hljs-title,.hljs-title.class_,.hljs-title.class_.inherited__,.hljs-title.function_{color:#6f42c1}" +
  ".hljs-attr,.hljs-attribute,.hljs-literal,.hljs-meta,.hljs-number,.hljs-operator,.hljs-selector-attr,.hljs-selector-class,.hljs-selector-id,.hljs-variable{color:#005cc5}" +
  ".hljs-meta .hljs-string,.hljs-regexp,.hljs-string{color:#032f62}.hljs-built_in,.hljs-symbol{color:#e36209}.hljs-code,.hljs-comment,.hljs-formula{color:#6a737d}" +
  ".hljs-name,.hljs-quote,.hljs-selector-pseudo,.hljs-selector-tag{color:#22863a}.hljs-subst{color:#24292e}.hljs-section{color:#005cc5;font-weight:700}" +
  ".hljs-bullet{color:#735c0f}.hljs-emphasis{font-style:italic}.hljs-strong{font-weight:700}";

const PAGE =
  "*,::before,::after{box-sizing:border-box}" +
  "body{margin:0;background:#f8fafc;color:#0f172a;font:14px/1.5 ui-sans-serif,system-ui,sans-serif}" +
  "pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}" +
  ".top{position:sticky;top:0;z-index:10;border-bottom:1px solid #e2e8f0;background:rgba(255,255,255,.95)}" +
  ".bar{max-width:90rem;margin:0 auto;display:flex;align-items:center;gap:.75rem;padding:.5rem 1rem}" +
  ".brand{font-weight:600;font-size:14px;color:#64748b;text-decoration:none}.brand:hover{color:#0f172a}.sep{color:#cbd5e1}" +
  "h1{margin:0;min-width:0;font-size:16px;font-weight:500;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}" +
  ".badge{border-radius:.25rem;background:#f1f5f9;padding:.125rem .5rem;font-size:12px;color:#64748b}.grow{flex:1}" +
  ".saved{font-size:12px;color:#94a3b8;white-space:nowrap}form{margin:0}" +
  ".fork{border:0;border-radius:.375rem;background:#2563eb;color:#fff;padding:.375rem .75rem;font:500 14px ui-sans-serif,system-ui,sans-serif;cursor:pointer}.fork:hover{background:#1d4ed8}" +
  ".wrap{max-width:90rem;margin:0 auto;display:flex;align-items:flex-start;gap:1rem;padding:1.5rem 1rem}" +
  "main{min-width:0;flex:1;display:flex;flex-direction:column;gap:.75rem}" +
  "aside{position:sticky;top:4rem;width:20rem;flex-shrink:0;display:flex;flex-direction:column;gap:1rem}" +
  ".box{border:1px solid #e2e8f0;border-radius:.5rem;background:#fff;padding:.75rem}.box h2{margin:0 0 .5rem;font-size:14px;font-weight:500}" +
  ".none,.empty{font-size:12px;color:#94a3b8;margin:0}.empty{padding:.5rem .75rem;font-style:italic}" +
  ".cell{border:1px solid #e2e8f0;border-radius:.5rem;background:#fff}.row{display:flex}" +
  ".count{width:3.5rem;flex-shrink:0;user-select:none;padding:.5rem .5rem 0 0;text-align:right;font:12px ui-monospace,monospace;color:#94a3b8}" +
  ".body{min-width:0;flex:1;padding:0 .5rem .25rem 0}" +
  ".code{margin:.25rem 0;overflow-x:auto;border:1px solid #f1f5f9;border-radius:.25rem;background:rgba(248,250,252,.6);padding:.5rem .75rem;font-size:13px;line-height:20px}" +
  ".raw{margin:.25rem 0;white-space:pre-wrap;padding:.5rem .75rem;font-size:13px}" +
  ".outputs{border-top:1px solid #f1f5f9;padding:.5rem .75rem}.outputs>*+*{margin-top:.25rem}.outputs img{display:block;max-width:100%}" +
  ".out{margin:0;max-height:32rem;overflow:auto;white-space:pre-wrap;overflow-wrap:break-word;border-radius:.25rem;padding:.25rem .5rem;font-size:13px;line-height:20px}" +
  ".err{background:#fef2f2;color:#991b1b}.collapsed:has(+details[open]){display:none}" +
  ".long summary{cursor:pointer;font-size:12px;color:#1d4ed8;text-decoration:underline}" +
  ".html-out{max-width:100%;min-width:0}.img{max-width:100%}" +
  ".transcript{display:flex;flex-direction:column;gap:.5rem;font-size:14px}" +
  ".msg-user{border-radius:.25rem;background:#f1f5f9;padding:.25rem .5rem}.msg-user p{margin:0;white-space:pre-wrap}.msg{padding:0 .25rem}" +
  ".notes{border-left:2px solid #cbd5e1;padding-left:.5rem;color:#64748b;font-size:.8rem}.notes p{margin:.25rem 0;white-space:pre-wrap;font-style:italic}" +
  ".files{list-style:none;margin:0;padding:0;font-size:14px}.files li{display:flex;align-items:baseline;gap:.5rem;margin:.25rem 0}" +
  ".files a{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;color:#1d4ed8}.size{flex-shrink:0;font-size:12px;color:#94a3b8}" +
  ".markdown-body{padding:.5rem .75rem}.msg .markdown-body{padding:0}" +
  ".markdown-body h1{font-size:24px;font-weight:600;margin:.5rem 0 .75rem;white-space:normal}.markdown-body h2{font-size:20px;font-weight:600;margin:.5rem 0}" +
  ".markdown-body h3{font-size:18px;font-weight:600;margin:.5rem 0}.markdown-body p{margin:.5rem 0;line-height:1.625}" +
  ".markdown-body ul{list-style:disc;padding-left:1.5rem;margin:.5rem 0}.markdown-body ol{list-style:decimal;padding-left:1.5rem;margin:.5rem 0}" +
  ".markdown-body code{font-size:13px;background:#f1f5f9;padding:0 .25rem;border-radius:.25rem}" +
  ".markdown-body pre{background:#f1f5f9;padding:.75rem;border-radius:.25rem;overflow-x:auto;margin:.5rem 0}.markdown-body pre code{background:transparent;padding:0}" +
  ".markdown-body a{color:#1d4ed8;text-decoration:underline}.markdown-body blockquote{border-left:4px solid #cbd5e1;padding-left:.75rem;color:#475569;margin:.5rem 0}" +
  ".markdown-body table{display:block;max-width:100%;overflow-x:auto;border-collapse:collapse;margin:.5rem 0}.markdown-body th,.markdown-body td{border:1px solid #cbd5e1;padding:.25rem .5rem}" +
  ".markdown-body img{max-width:100%}" +
  // One column below 60rem: the conversation and files follow the cells, each as wide as the screen.
  "@media (max-width:60rem){.wrap{flex-direction:column;align-items:stretch}aside{position:static;width:auto}}" +
  // A phone: the header wraps (title on its own line), and the cells give the code their width.
  "@media (max-width:40rem){.bar{flex-wrap:wrap;row-gap:.25rem;padding:.5rem .75rem}h1{flex:1 1 12rem}.wrap{padding:.75rem .5rem;gap:.75rem}" +
  ".count{width:2.25rem;font-size:11px}}";

export const SHARE_PAGE_CSS = PAGE + HLJS_GITHUB + SHORT_CLASSES;
