import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/app-error";
import { toIpynb, type ExportableNotebook } from "../export-ipynb";
import { parseIpynb, type ImportedNotebook } from "../import-ipynb";
import { joinMultiline } from "../nbformat";
import { fixture, nbformatErrors } from "./ipynb-schema";

/** What an import stores, given ids as the database would (here: their position). */
function stored(nb: ImportedNotebook): ExportableNotebook {
  return {
    title: nb.title,
    metadata: nb.metadata,
    cells: nb.cells.map((c, i) => ({ ...c, id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` })),
  };
}

/** A notebook file with every multiline string joined: two files that read the same compare equal. */
function canonical(file: unknown): unknown {
  const nb = JSON.parse(JSON.stringify(file)) as { cells: Record<string, unknown>[] };
  for (const c of nb.cells) {
    c.source = joinMultiline(c.source as string | string[]);
    for (const o of (c.outputs ?? []) as Record<string, unknown>[]) {
      if (o.text) o.text = joinMultiline(o.text as string[]);
      const data = o.data as Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(data ?? {})) if (!/json$/.test(k)) data![k] = joinMultiline(v as string[]);
    }
  }
  return nb;
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}

describe(".ipynb import and export", () => {
  it("the hand-written fixture of every output type is itself valid nbformat 4.5", () => {
    expect(nbformatErrors(JSON.parse(fixture("every-output.v4.5.ipynb")))).toEqual([]);
    // The validator does reject what the format forbids (a code cell without outputs, an id with a space).
    expect(
      nbformatErrors({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ id: "a b", cell_type: "code", metadata: {}, source: "" }],
      }).length,
    ).toBeGreaterThan(0);
  });

  it("round trip of every output type: import → export is the same notebook, valid against the official schema", () => {
    const original = JSON.parse(fixture("every-output.v4.5.ipynb")) as {
      cells: { id: string }[];
      metadata: Record<string, unknown>;
    };
    const imported = parseIpynb(JSON.stringify(original));
    expect(imported.title).toBe("Every output");
    expect(imported.cells.map((c) => c.kind)).toEqual([
      "markdown",
      "raw",
      "code",
      "code",
      "code",
      "code",
      "code",
      "code",
      "code",
    ]);
    const exported = toIpynb(stored(imported));
    expect(nbformatErrors(exported)).toEqual([]);
    // Same cells (ids, types, sources, metadata, attachments, outputs of every type) and metadata.
    const a = canonical(original) as { cells: unknown[]; metadata: unknown };
    const b = canonical(exported) as { cells: unknown[]; metadata: unknown };
    expect(b.cells).toEqual(a.cells);
    expect(b.metadata).toEqual(original.metadata);
    // And a second pass changes nothing.
    expect(toIpynb(stored(parseIpynb(JSON.stringify(exported))))).toEqual(exported);
  });

  it("imports 4.0 files without cell ids and gives them ids on export", () => {
    const imported = parseIpynb(fixture("no-ids.v4.0.ipynb"), "analysis v1.ipynb");
    expect(imported.title).toBe("analysis v1");
    expect(imported.cells[0]).toMatchObject({ kind: "code", source: "x = 1\nx", executionCount: 1 });
    expect(imported.cells[0]!.outputs).toEqual([
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": "1" }, metadata: {} },
    ]);
    const exported = toIpynb(stored(imported));
    expect(nbformatErrors(exported)).toEqual([]);
    const ids = exported.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
  });

  it("a notebook written by Pylot (no extras) exports valid 4.5", () => {
    const nb: ExportableNotebook = {
      title: "Made here <script>",
      metadata: {},
      cells: [
        {
          id: "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b",
          kind: "code",
          source: "print(1)\n1",
          executionCount: 3,
          extras: {},
          outputs: [
            { output_type: "stream", name: "stdout", text: "1\n" },
            { output_type: "execute_result", execution_count: 3, data: { "text/plain": "1" }, metadata: {} },
          ],
        },
        {
          id: "2b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b",
          kind: "markdown",
          source: "",
          executionCount: null,
          extras: {},
          outputs: [],
        },
      ],
    };
    const exported = toIpynb(nb);
    expect(nbformatErrors(exported)).toEqual([]);
    expect(exported.metadata).toMatchObject({ title: "Made here <script>", kernelspec: { name: "python3" } });
  });

  it("a newer minor version that does not fit 4.5 names its version as the cause", () => {
    const newer = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 99, metadata: {}, cells });
    const err = appError(() => parseIpynb(newer([{ cell_type: "hologram", source: "" }])));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^nbformat 4\.99 is newer than this importer supports \(4\.0–4\.5\): .*cells\.0/);
    expect(err.message).not.toMatch(/^Invalid/);
    // One that fits 4.5's shapes is read, as Jupyter reads it.
    expect(parseIpynb(newer([{ cell_type: "markdown", source: "# hi" }])).cells[0]?.source).toBe("# hi");
    const five = appError(() => parseIpynb(JSON.stringify({ nbformat: 5, nbformat_minor: 1, cells: [] })));
    expect(five.message).toBe("nbformat 5.1 is newer than this importer supports (4.0–4.5).");
  });

  it("bad files get clear 4xx errors", () => {
    expect(appError(() => parseIpynb("{not json")).status).toBe(400);
    expect(appError(() => parseIpynb("[1,2]")).message).toMatch(/no "nbformat"/);
    const v3 = appError(() => parseIpynb(fixture("old.v3.ipynb")));
    expect(v3.status).toBe(422);
    expect(v3.message).toMatch(/nbformat 3.*upgrade/);
    expect(appError(() => parseIpynb(JSON.stringify({ nbformat: 5, nbformat_minor: 0, cells: [] }))).status).toBe(422);
    const badCell = appError(() =>
      parseIpynb(
        JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: "code", source: 42 }] }),
      ),
    );
    expect(badCell.status).toBe(400);
    expect(badCell.message).toMatch(/cells\.0/);
    const badMime = appError(() =>
      parseIpynb(
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: [
            {
              cell_type: "code",
              source: "",
              outputs: [{ output_type: "display_data", data: { "image/png": 5 }, metadata: {} }],
            },
          ],
        }),
      ),
    );
    expect(badMime.message).toMatch(/image\/png/);
    const many = appError(() =>
      parseIpynb(
        JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata: {},
          cells: Array.from({ length: 5001 }, () => ({ cell_type: "raw", source: "" })),
        }),
      ),
    );
    expect(many.status).toBe(413);
  });
});
