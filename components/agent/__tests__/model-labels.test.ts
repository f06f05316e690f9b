import { describe, expect, it } from "vitest";
import type { ModelOption, ModelsResponse } from "@/lib/agent/models/model-options";
import { formatDay, modelLabel, unavailableModel } from "../model-labels";

const option = (id: string, displayName: string, extra: Partial<ModelOption> = {}): ModelOption => ({
  id,
  displayName,
  lifecycle: "active",
  retiresAt: null,
  efforts: ["low", "medium", "high"],
  defaultEffort: "high",
  thinking: true,
  contextWindow: null,
  maxOutput: null,
  price: null,
  ...extra,
});

const list: ModelsResponse = {
  models: [option("claude-sonnet-5-5", "Claude Sonnet 5.5"), option("claude-opus-5", "Claude Opus 5")],
  defaultModel: "claude-opus-5",
  retired: [
    {
      id: "claude-sonnet-4-5",
      displayName: "Claude Sonnet 4.5",
      retiredOn: "2026-11-30",
      replacement: "claude-sonnet-5-5",
    },
  ],
  source: "api",
  checkedAt: "2026-12-05T00:00:00Z",
};

describe("model labels", () => {
  it("formats ISO days the same on server and page", () => {
    expect(formatDay("2027-01-22")).toBe("22 Jan 2027");
    expect(formatDay("2026-11-30")).toBe("30 Nov 2026");
    expect(formatDay("soon")).toBe("soon");
  });

  it("shows a deprecated model's retirement date", () => {
    expect(modelLabel(option("a", "Claude Opus 4.5", { lifecycle: "deprecated", retiresAt: "2027-01-22" }))).toBe(
      "Claude Opus 4.5 (retires 22 Jan 2027)",
    );
    expect(modelLabel(option("b", "Claude Opus 5"))).toBe("Claude Opus 5");
  });

  it("explains a retired saved model and names its replacement", () => {
    expect(unavailableModel(list, "claude-sonnet-4-5")).toEqual({
      id: "claude-sonnet-4-5",
      displayName: "Claude Sonnet 4.5",
      retired: true,
      message:
        "Claude Sonnet 4.5 was retired on 30 Nov 2026 and no longer answers. Switch to Claude Sonnet 5.5 to keep going.",
      replacement: { id: "claude-sonnet-5-5", displayName: "Claude Sonnet 5.5" },
    });
  });

  it("suggests the default model for a saved model the list does not know", () => {
    const u = unavailableModel(list, "claude-old");
    expect(u?.replacement.id).toBe("claude-opus-5");
    expect(u?.message).toContain("no longer available");
    expect(unavailableModel(list, "claude-opus-5")).toBeNull();
  });
});
