import { describe, expect, it } from "vitest";
import type { Output } from "@/lib/notebook/outputs";
import { SERVED_IMAGE_KEY } from "@/lib/notebook/mime";
import { withServedImages } from "../served-images";

describe("figures on the share page", () => {
  const big = "A".repeat(10_000);
  const outputs: Output[] = [
    { output_type: "stream", name: "stdout", text: "hi" },
    { output_type: "display_data", data: { "image/png": big, "text/plain": "<Figure>" }, metadata: {} },
    { output_type: "display_data", data: { "image/png": "iVBORw0KGgo=" }, metadata: {} },
    {
      output_type: "execute_result",
      execution_count: 1,
      data: { "text/html": "<b>t</b>", "image/png": big },
      metadata: {},
    },
  ];
  it("large images become a URL of the share's output route; small ones and HTML stay inline", () => {
    const served = withServedImages("tok", "cell-1", outputs);
    expect(served[0]).toBe(outputs[0]);
    const fig = served[1] as Extract<Output, { output_type: "display_data" }>;
    expect(fig.data["image/png"]).toBe("");
    expect(fig.metadata[SERVED_IMAGE_KEY]).toMatch(/^\/s\/tok\/outputs\/cell-1\/1\?v=[\w-]{12}$/);
    expect(served[2]).toBe(outputs[2]);
    expect(served[3]).toBe(outputs[3]);
    // The stored outputs are not modified.
    expect((outputs[1] as Extract<Output, { output_type: "display_data" }>).data["image/png"]).toBe(big);
  });
});
