import { describe, expect, it } from "vitest";
import { normalizeEmail, passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("enforces 8 to 128 characters", () => {
    expect(passwordProblem("abc12!x")).toMatch(/at least 8/);
    expect(passwordProblem("a".repeat(129))).toMatch(/at most 128/);
    expect(passwordProblem("tulip-harbour-92")).toBeNull();
  });
  it("refuses the most common passwords, whatever their case", () => {
    for (const p of ["password", "Password1", "qwertyuiop", "12345678", "iloveyou"]) expect(passwordProblem(p), p).toMatch(/most common/);
  });
  it("refuses the account's own email or name", () => {
    expect(passwordProblem("someone@example.com", { email: "someone@example.com" })).toMatch(/email/);
    expect(passwordProblem("Grace Hopper", { name: "grace hopper" })).toMatch(/name/);
  });
  it("normalises emails", () => {
    expect(normalizeEmail("  Ada@Example.COM ")).toBe("ada@example.com");
  });
});
