import { describe, expect, it } from "vitest";
import { expectationsOf, labEngines } from "./sql-blocks";

describe("what a tagged sql block must do in each engine", () => {
  it("runs untagged blocks on both engines and fails fails-blocks only where the tag says", () => {
    expect(expectationsOf(null)).toEqual({ sqlite: "ok", postgres: "ok" });
    expect(expectationsOf("fails")).toEqual({ sqlite: "error", postgres: "error" });
    expect(expectationsOf("fails-sqlite")).toEqual({ sqlite: "error", postgres: "ok" });
    expect(expectationsOf("fails-postgres")).toEqual({ sqlite: "ok", postgres: "error" });
  });

  it("skips an engine the tag or the track leaves out", () => {
    expect(expectationsOf("postgres")).toEqual({ sqlite: "skip", postgres: "ok" });
    expect(expectationsOf("sqlite", ["postgres"])).toEqual({ sqlite: "skip", postgres: "skip" });
    expect(expectationsOf("fails", ["postgres"])).toEqual({ sqlite: "skip", postgres: "error" });
  });

  it("offers the lab on no engine for norun and server blocks", () => {
    expect(labEngines("norun")).toEqual([]);
    expect(labEngines("server")).toEqual([]);
    expect(labEngines("fails-server")).toEqual([]);
    expect(labEngines(null)).toEqual(["sqlite", "postgres"]);
  });
});
