// The mirror against a real HTTP index of wheels built by the test (e2e/fixtures/package-index),
// the local mirror's file reader, and the package source configuration.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedOrigin, startPackageIndex, type PackageIndex } from "@/e2e/fixtures/package-index/server";
import { CDN_INDEX_URL, packageSourceFromEnv } from "../config";
import { mirrorPackages } from "../mirror";
import { readMirrorFile } from "../mirror-files";

let index: PackageIndex;
let out: string;

beforeAll(async () => {
  index = await startPackageIndex();
  out = await mkdtemp(join(tmpdir(), "pylot-mirror-"));
});
afterAll(async () => {
  await index.close();
  await rm(out, { recursive: true, force: true });
});

const mirror = (names: string[], timeoutMs = 5000) =>
  mirrorPackages({ baseURL: index.url, lock: { url: `${index.url}pyodide-lock.json` }, names, outDir: out, timeoutMs });

describe("pyodide:mirror", () => {
  it("copies a package and its dependency, dependencies first, with a lock of relative names; a second run copies nothing", async () => {
    const first = await mirror(["pylot-demo-plot"]);
    expect(first.copied).toEqual(["pylot-demo-base", "pylot-demo-plot"]);
    const lock = JSON.parse(await readFile(join(out, "pyodide-lock.json"), "utf8"));
    expect(Object.keys(lock.packages).sort()).toEqual(["pylot-demo-base", "pylot-demo-plot"]);
    expect(lock.packages["pylot-demo-plot"]).toMatchObject({
      file_name: "pylot_demo_plot-1.0.0-py3-none-any.whl",
      depends: ["pylot-demo-base"],
    });
    const source = JSON.parse(await readFile(join(index.dir, "pyodide-lock.json"), "utf8"));
    expect(lock.info).toEqual(source.info);
    expect(lock.packages["pylot-demo-base"].sha256).toBe(source.packages["pylot-demo-base"].sha256);

    const again = await mirror(["pylot_demo_plot"]); // an import name works too
    expect(again).toMatchObject({ copied: [], present: ["pylot-demo-base", "pylot-demo-plot"] });
  });

  it("adds to an existing mirror", async () => {
    await mirror(["pylot-demo-big"]);
    const lock = JSON.parse(await readFile(join(out, "pyodide-lock.json"), "utf8"));
    expect(Object.keys(lock.packages).sort()).toEqual(["pylot-demo-base", "pylot-demo-big", "pylot-demo-plot"]);
  });

  it("fails clearly: unknown name, corrupt file, refused connection, a host that never answers", async () => {
    await expect(mirror(["no-such-thing"])).rejects.toThrow('no package named "no-such-thing"');
    await expect(mirror([])).rejects.toThrow("name at least one package");
    await expect(mirror(["pylot-demo-corrupt"])).rejects.toThrow("sha256 does not match");
    await expect(mirror(["pylot-demo-gone"])).rejects.toThrow(
      /http:\/\/127\.0\.0\.1:\d+\/pylot_demo_gone-1\.0\.0-py3-none-any\.whl: ECONNREFUSED/,
    );
    await expect(mirror(["pylot-demo-dead"], 300)).rejects.toThrow("no answer within 0.3 s");
    const closed = await closedOrigin();
    await expect(
      mirrorPackages({
        baseURL: `${closed}/`,
        lock: { url: `${closed}/pyodide-lock.json` },
        names: ["x"],
        outDir: out,
      }),
    ).rejects.toThrow("ECONNREFUSED");
  });

  it("the app serves only flat file names from the mirror folder", async () => {
    const env = { PYLOT_PACKAGE_MIRROR_DIR: out };
    const file = await readMirrorFile("pylot_demo_base-1.0.0-py3-none-any.whl", env);
    expect(file.body.length).toBeGreaterThan(100);
    expect((await readMirrorFile("pyodide-lock.json", env)).contentType).toBe("application/json");
    for (const bad of ["../secret", "..", ".hidden", "a/b.whl", "x.whl.part"]) {
      await expect(readMirrorFile(bad, env)).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(readMirrorFile("pyodide-lock.json", { PYLOT_PACKAGE_MIRROR_DIR: join(out, "nope") })).rejects.toThrow(
      "npm run pyodide:mirror",
    );
  });
});

describe("package source configuration", () => {
  it("defaults to the CDN for this Pyodide version with the bundled lock file", () => {
    expect(packageSourceFromEnv({})).toEqual({
      baseURL: CDN_INDEX_URL,
      lockFileURL: "/pyodide/pyodide-lock.json",
      timeoutMs: 30_000,
    });
    expect(CDN_INDEX_URL).toMatch(/^https:\/\/cdn\.jsdelivr\.net\/pyodide\/v\d+\.\d+\.\d+\/full\/$/);
  });

  it("takes local, a URL or a path, and rejects anything else", () => {
    expect(packageSourceFromEnv({ PYLOT_PACKAGE_INDEX_URL: "local" }).baseURL).toBe("/pyodide-packages/");
    expect(
      packageSourceFromEnv({ PYLOT_PACKAGE_INDEX_URL: "https://mirror.example/py", PYLOT_PACKAGE_TIMEOUT_MS: "5000" }),
    ).toEqual({
      baseURL: "https://mirror.example/py/",
      lockFileURL: "https://mirror.example/py/pyodide-lock.json",
      timeoutMs: 5000,
    });
    expect(() => packageSourceFromEnv({ PYLOT_PACKAGE_INDEX_URL: "ftp://x" })).toThrow(
      "PYLOT_PACKAGE_INDEX_URL must be",
    );
    expect(() => packageSourceFromEnv({ PYLOT_PACKAGE_TIMEOUT_MS: "soon" })).toThrow(
      "PYLOT_PACKAGE_TIMEOUT_MS must be",
    );
  });
});
