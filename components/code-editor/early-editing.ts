// Editing before hydration. The notebook's HTML carries its cells as plain textareas
// (fallback-editor.tsx) that take typing from the first paint; this inline script, in the same
// HTML, makes the run keys work there too: Shift+Enter, Ctrl/Cmd+Enter and Alt+Enter are held (no newline
// goes in) and replayed by each editor when React takes over. A second script marks when the
// cells are on screen and editable, for the start-up benchmark.
const QUEUE = "__pylotEarlyRunKeys";
const HYDRATED = "__pylotEditorsHydrated";

/** Shift+Enter: run and advance; Ctrl/Cmd+Enter: run in place; Alt+Enter: run and insert below. */
export type RunKey = "advance" | "stay" | "insert";
interface EarlyRunKey {
  path: string;
  run: RunKey;
}
type EarlyGlobals = Record<string, unknown> & { [QUEUE]?: EarlyRunKey[]; [HYDRATED]?: boolean };

/** Before the cells in the HTML: catches run keys until the editors are hydrated. */
export const earlyEditingScript = `(function(){try{
var q=self.${QUEUE}=[];
document.addEventListener("keydown",function(e){
if(self.${HYDRATED}||e.key!=="Enter"||!(e.shiftKey||e.ctrlKey||e.metaKey||e.altKey))return;
var t=e.target,p=t&&t.getAttribute&&t.getAttribute("data-pylot-fallback");
if(p===null||p===undefined)return;
e.preventDefault();q.push({path:p,run:e.ctrlKey||e.metaKey?"stay":e.altKey?"insert":"advance"});
},true);
}catch(e){}})();`;

/**
 * After the cells in the HTML: they are in the document now, and on screen from the first
 * contentful paint (Chrome holds paint until the parser is done, so that paint already has
 * them). The mark is the later of the two; an earlier mark (a hydrated editor) is replaced.
 */
export const editorsPaintedScript = `(function(){try{var at=performance.now(),n="pylot:editor-ready";
new PerformanceObserver(function(list,obs){var e=list.getEntriesByName("first-contentful-paint")[0];if(!e)return;obs.disconnect();
var t=Math.max(e.startTime,at),m=performance.getEntriesByName(n)[0];
if(!m||m.startTime>t){performance.clearMarks(n);performance.mark(n,{startTime:t});}
}).observe({type:"paint",buffered:true});
}catch(e){}})();`;

/** The run keys pressed in this editor before hydration, oldest first. */
export function takeEarlyRunKeys(path: string): RunKey[] {
  if (typeof window === "undefined") return [];
  const g = window as unknown as EarlyGlobals;
  g[HYDRATED] = true;
  const queue = g[QUEUE] ?? [];
  const mine = queue.filter((k) => k.path === path);
  g[QUEUE] = queue.filter((k) => k.path !== path);
  return mine.map((k) => k.run);
}
