import { describe, expect, it } from "vitest";
import { SYNC_BATCH_MAX, ZSyncRequest } from "./progress";

describe("sync batch (issue 11, finding 3)", () => {
  it("a batch over the limit is refused by its length alone: its elements are not validated", () => {
    const result = ZSyncRequest.safeParse({ mutations: Array.from({ length: 200_000 }, () => ({ kind: "nonsense" })) });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0]).toMatchObject({ path: ["mutations"], message: `must hold at most ${SYNC_BATCH_MAX} mutations` });
  });

  it("a batch within the limit still has each element checked", () => {
    const result = ZSyncRequest.safeParse({ mutations: [{ kind: "nonsense" }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe("mutations");
    expect(result.error!.issues[0]!.path[1]).toBe(0);
  });
});
