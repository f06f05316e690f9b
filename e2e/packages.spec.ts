// Packages on demand, against the test index global-setup serves on another origin (like the
// CDN): wheels the test built (e2e/fixtures/package-index), with a dependency, a big one that
// trickles out, and three that cannot load (dead host, refused connection, wrong sha256).
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { startServer } from "../scripts/harness/next-server";
import { NotebookPage } from "./pages/notebook-page";
import { E2E_PORT, E2E_SECRET } from "./support/config";

const indexRequests = async (): Promise<string[]> => {
  const response = await fetch(`${process.env.PYLOT_E2E_PACKAGE_INDEX}/__requests`);
  return (await response.json()) as string[];
};

test.describe("packages on demand", () => {
  test("imports load from the index with progress, dependencies included; failures say why within the time limit", async ({
    page,
  }) => {
    const nb = await NotebookPage.create(page);
    await nb.waitForKernel();

    // A package and its dependency load before the cell runs; its object displays as PNG.
    await nb.execute(
      0,
      "import pylot_demo_plot\nimport sys\nprint('base loaded:', 'pylot_demo_base' in sys.modules)\npylot_demo_plot.Swatch()",
    );
    await expect(nb.cell(0).getByTestId("output-stdout")).toHaveText("base loaded: True\n");
    await expect(nb.cell(0).getByTestId("output-result")).toHaveAttribute("src", /^data:image\/png;base64,iVBORw0KGgo/);
    const wheels = (await indexRequests()).filter((p) => p.endsWith(".whl"));
    expect(wheels).toEqual(
      expect.arrayContaining([
        "/index/pylot_demo_plot-1.0.0-py3-none-any.whl",
        "/index/pylot_demo_base-1.0.0-py3-none-any.whl",
      ]),
    );

    // The dependency's HTML table renders (sanitized, in its shadow root); loaded packages are not fetched again.
    // (Counted by name: the index is shared with the tests the other worker runs at the same time.)
    const demoRequests = async () => (await indexRequests()).filter((p) => /pylot[-_]demo[-_](base|plot)/i.test(p));
    const before = await demoRequests();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await nb.execute(0, "from pylot_demo_base import Table\nTable([[1, 2], [3, 4]])");
    await expect(nb.cell(0).locator("[data-html-output] table.demo-table")).toBeVisible();
    expect(await demoRequests()).toEqual(before);

    // A 3 MB wheel trickles out: the cell and the status badge show what is loading and how far.
    await nb.setSource(0, "import pylot_demo_big\npylot_demo_big.SIZE");
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("package-progress")).toContainText(/Loading pylot-demo-big… \d\.\d of 3\.0 MB/);
    await expect(nb.kernelStatus).toContainText("Loading pylot-demo-big");
    await nb.waitIdle(0);
    await expect(nb.cell(0).getByTestId("output-result")).toHaveText("3000000");
    await expect(nb.cell(0).getByTestId("package-progress")).toHaveCount(0);

    // Failures: a refused connection and a corrupt wheel fail fast; a host that never answers
    // fails after the configured 3 s without data. Each import raises with the reason.
    const code = [
      "try:\n    import pylot_demo_gone\nexcept ModuleNotFoundError as e:\n    print('gone:', e)",
      "try:\n    import pylot_demo_corrupt\nexcept ModuleNotFoundError as e:\n    print('corrupt:', e)",
      "import pylot_demo_dead",
    ].join("\n");
    await nb.setSource(0, code);
    await nb.run(0);
    await nb.waitIdle(0, 20_000); // bounded by the stall limit, not a hang
    const stdout = nb.cell(0).getByTestId("output-stdout");
    await expect(stdout).toContainText(
      "gone: No module named 'pylot_demo_gone': package 'pylot-demo-gone' could not be loaded from",
    );
    await expect(stdout).toContainText("the server could not be reached");
    await expect(stdout).toContainText("corrupt: No module named 'pylot_demo_corrupt'");
    await expect(stdout).toContainText("sha256 does not match");
    const error = nb.cell(0).getByTestId("output-error");
    await expect(error).toContainText("ModuleNotFoundError: No module named 'pylot_demo_dead'");
    await expect(error).toContainText("no data from the package index for 3 s");
    await expect(error).toContainText('File "<cell-');
    await page.screenshot({ path: "test-results/screens/packages.png", fullPage: true });

    // Interrupt while a package loads: the load ends and the cell does not run; no restart.
    await nb.setSource(0, "import pylot_demo_dead");
    await nb.run(0);
    await expect(nb.cell(0).getByTestId("package-progress")).toBeVisible();
    await page.getByRole("button", { name: /Interrupt/ }).click();
    await nb.waitIdle(0);
    await expect(nb.cell(0).getByTestId("output-error")).toHaveText(
      "KeyboardInterrupt: interrupted before the cell ran (while loading packages)",
    );
    await nb.execute(0, "pylot_demo_plot.Swatch()"); // same interpreter: earlier imports still there
    await expect(nb.cell(0).getByTestId("output-result")).toHaveAttribute("src", /^data:image\/png/);
  });

  test("air-gapped: a server with PYLOT_PACKAGE_INDEX_URL=local loads imports from the mirror the script made, served read-only", async ({
    browser,
  }) => {
    // global-setup mirrored pylot-demo-plot (and its dependency) from the test index with the mirror code.
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      PYLOT_SECRET: E2E_SECRET,
      PYLOT_PACKAGE_INDEX_URL: "local",
      PYLOT_PACKAGE_MIRROR_DIR: process.env.PYLOT_E2E_PACKAGE_MIRROR!,
    };
    const server = await startServer(E2E_PORT + 100 + test.info().workerIndex, env);
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const request = context.request;
      const lock = await request.get("/pyodide-packages/pyodide-lock.json");
      expect(lock.status()).toBe(200);
      const packages = (await lock.json()).packages as Record<string, { file_name: string; sha256: string }>;
      expect(Object.keys(packages).sort()).toEqual(["pylot-demo-base", "pylot-demo-plot"]);
      const wheel = await request.get(`/pyodide-packages/${packages["pylot-demo-base"]!.file_name}`);
      expect(
        createHash("sha256")
          .update(await wheel.body())
          .digest("hex"),
      ).toBe(packages["pylot-demo-base"]!.sha256);
      for (const bad of ["..%2F..%2Fpackage.json", "nope.whl", ".pyodide-lock.json"]) {
        const response = await request.get(`/pyodide-packages/${bad}`);
        expect(response.status()).toBe(404);
        expect((await response.json()).error.code).toBe("not_found");
      }
      expect((await request.post("/pyodide-packages/pyodide-lock.json")).status()).toBe(405);

      const page = await context.newPage();
      const fetched: string[] = [];
      context.on("request", (r) => fetched.push(r.url()));
      const nb = await NotebookPage.create(page);
      await nb.waitForKernel();
      await nb.execute(0, "import pylot_demo_plot\npylot_demo_plot.Swatch((0, 120, 0))");
      await expect(nb.cell(0).getByTestId("output-result")).toHaveAttribute("src", /^data:image\/png;base64,/);
      // Not in the mirror: an ordinary ModuleNotFoundError, and the test index was never asked.
      await nb.execute(0, "import pylot_demo_big");
      await expect(nb.cell(0).getByTestId("output-error")).toContainText(
        "ModuleNotFoundError: No module named 'pylot_demo_big'",
      );
      // The wheels came from the app's mirror, never from the test index (another test may be using it now).
      expect(fetched).toContain(`${server.url}/pyodide-packages/pylot_demo_plot-1.0.0-py3-none-any.whl`);
      expect(fetched.filter((u) => u.startsWith(process.env.PYLOT_E2E_PACKAGE_INDEX!))).toEqual([]);
    } finally {
      await context.close();
      await server.stop();
    }
  });
});
