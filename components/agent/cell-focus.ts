// Brings a notebook cell into view from the agent panel: the cells carry data-cell-id
// (components/notebook/cell-view.tsx). The highlight is a short flash plus a data attribute on
// the last cell shown, set on the DOM node directly so it never fights React over the className.

const HIGHLIGHT_MS = 1600;

function cellElement(cellId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(cellId)}"]`);
}

/** Scrolls the cell into view; `highlight` flashes it so the eye finds it. False: no such cell. */
export function revealCell(cellId: string, { highlight = false, center = false } = {}): boolean {
  const el = cellElement(cellId);
  if (!el) return false;
  el.scrollIntoView({ block: center ? "center" : "nearest" });
  if (highlight) {
    el.dataset.agentHighlight = "true";
    el.animate([{ boxShadow: "0 0 0 3px rgb(139 92 246 / 0.8)" }, { boxShadow: "0 0 0 3px rgb(139 92 246 / 0)" }], {
      duration: HIGHLIGHT_MS,
      easing: "ease-out",
    });
    // The mark stays on the last cell shown (the flash fades): it says which cell the link meant.
    for (const other of document.querySelectorAll<HTMLElement>("[data-agent-highlight]"))
      if (other !== el) delete other.dataset.agentHighlight;
  }
  return true;
}

const FOLLOW_FRAMES = 120;

/**
 * Reveals a cell the agent is writing once React has rendered it. The event that adds the cell
 * sets state; its commit may come a few frames later on a busy machine, so this waits for the
 * element (about 2 s at most) instead of trying once and missing it.
 */
export function followCell(cellId: string, frames = FOLLOW_FRAMES): void {
  requestAnimationFrame(() => {
    if (!revealCell(cellId) && frames > 0) followCell(cellId, frames - 1);
  });
}

/** Reveals the cell and puts the cursor in its editor (Monaco's input, or the plain fallback). */
export function editCell(cellId: string): void {
  if (!revealCell(cellId, { highlight: true, center: true })) return;
  const input = cellElement(cellId)?.querySelector<HTMLElement>("textarea");
  input?.focus();
}

/** The agent cell a stored tool call wrote: by its id from this session's events, else by its code. */
export function findWrittenCell(
  call: { toolUseId: string; code: string },
  known: ReadonlyMap<string, string>,
  cells: readonly { id: string; author: string; source: string }[],
): string | null {
  const byId = known.get(call.toolUseId);
  if (byId && cells.some((c) => c.id === byId)) return byId;
  return cells.find((c) => c.author === "agent" && c.source === call.code)?.id ?? null;
}
