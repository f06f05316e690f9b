// Server-side costs over loopback HTTP: load a 500-cell notebook, save one cell edit.
import { ownerSession } from "./owner-session";
import { row, summarize } from "./stats";

export async function benchServer(base: string, secret: string, cells = 500): Promise<string[]> {
  const session = ownerSession(secret);
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...session.headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: bench scripts read loosely typed JSON replies
    return res.json() as Promise<any>;
  };
  const { notebook } = await call("POST", "/api/notebooks", { title: "bench 500" });
  const outputs = [
    { output_type: "stream", name: "stdout", text: "row,value\n".repeat(10) },
    { output_type: "execute_result", execution_count: 1, data: { "text/plain": "42" }, metadata: {} },
  ];
  for (let i = 1; i < cells; i++) {
    const { cell } = await call("POST", `/api/notebooks/${notebook.id}/cells`, {
      index: i,
      source: `x_${i} = ${i}\nprint(x_${i} * 2)`,
    });
    await call("PUT", `/api/notebooks/${notebook.id}/cells/${cell.id}/outputs`, {
      outputs,
      executionCount: i,
      durationMs: 3,
    });
  }
  const load: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const got = await call("GET", `/api/notebooks/${notebook.id}`);
    if (i >= 10) load.push(performance.now() - t0);
    if (got.notebook.cells.length !== cells) throw new Error("wrong cell count");
  }
  const target = notebook.cells[0];
  let version = target.version;
  const save: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now();
    const { cell } = await call("PATCH", `/api/notebooks/${notebook.id}/cells/${target.id}`, {
      baseVersion: version,
      source: `edit ${i}`,
    });
    if (i >= 20) save.push(performance.now() - t0);
    version = cell.version;
  }
  const health: number[] = [];
  for (let i = 0; i < 220; i++) {
    const t0 = performance.now();
    await fetch(`${base}/api/health`).then((r) => r.json());
    if (i >= 20) health.push(performance.now() - t0);
  }
  return [
    row("GET /api/health (baseline round trip)", summarize(health)),
    row(`GET notebook with ${cells} cells (target p50 ≤ 50)`, summarize(load)),
    row("PATCH one cell edit (target p50 ≤ 10)", summarize(save)),
  ];
}
