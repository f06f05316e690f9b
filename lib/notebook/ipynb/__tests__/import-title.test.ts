import { describe, expect, it } from "vitest";
import { importedTitle } from "../import-title";

describe("importedTitle", () => {
  it("keeps a new title, and marks a re-import '(imported)', then numbers further copies", () => {
    expect(importedTitle("Sales", new Set(["Other"]))).toBe("Sales");
    expect(importedTitle("Sales", new Set(["Sales"]))).toBe("Sales (imported)");
    expect(importedTitle("Sales", new Set(["Sales", "Sales (imported)"]))).toBe("Sales (imported 2)");
    expect(importedTitle("Sales (imported)", new Set(["Sales", "Sales (imported)"]))).toBe("Sales (imported 2)");
  });

  it("stays within the title length", () => {
    const long = "x".repeat(200);
    const title = importedTitle(long, new Set([long]));
    expect(title).toHaveLength(200);
    expect(title.endsWith(" (imported)")).toBe(true);
  });
});
