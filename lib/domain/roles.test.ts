import { describe, expect, it } from "vitest";
import { canModerateUser, roleAtLeast } from "./roles";

describe("roles", () => {
  it("orders LEARNER < MODERATOR < ADMIN", () => {
    expect(roleAtLeast("ADMIN", "MODERATOR")).toBe(true);
    expect(roleAtLeast("MODERATOR", "ADMIN")).toBe(false);
    expect(roleAtLeast("LEARNER", "LEARNER")).toBe(true);
  });
  it("lets staff act only on lower roles, and nobody on themselves", () => {
    const mod = { id: "m", role: "MODERATOR" as const };
    const admin = { id: "a", role: "ADMIN" as const };
    expect(canModerateUser(mod, { id: "l", role: "LEARNER" })).toBe(true);
    expect(canModerateUser(mod, { id: "m2", role: "MODERATOR" })).toBe(false);
    expect(canModerateUser(mod, admin)).toBe(false);
    expect(canModerateUser(admin, { id: "m2", role: "MODERATOR" })).toBe(true);
    expect(canModerateUser(admin, admin)).toBe(false);
  });
});
