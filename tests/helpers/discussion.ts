import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { databaseReady, db } from "@/lib/db/client";
import { createUser } from "@/lib/db/users";

/** Shared by the discussion tests on the real database (tests/discussion*.test.ts). */

export const unique = () => randomBytes(4).toString("hex");
export const DAY = 24 * 60 * 60 * 1000;

export type Role = "LEARNER" | "MODERATOR" | "ADMIN";

/** An account; `ageDays` backdates it (new accounts have daily caps). */
export async function newUser(role: Role = "LEARNER", ageDays = 2) {
  const user = await createUser({
    name: `User ${unique()}`,
    email: `d-${unique()}@test.example`,
    password: "a-fine-password-1",
    role,
  });
  await db().user.update({ where: { id: user.id }, data: { createdAt: new Date(Date.now() - ageDays * DAY) } });
  return user;
}

/**
 * Opens the database before the file's tests, and turns the discussion rate limits off before each
 * one: most tests post quickly; a test of the limits deletes DISCUSSION_RATE_LIMITS itself.
 */
export function withDiscussionRateLimitsOff() {
  beforeAll(async () => {
    await databaseReady();
  });
  beforeEach(() => {
    process.env.DISCUSSION_RATE_LIMITS = "off";
  });
  afterAll(() => {
    delete process.env.DISCUSSION_RATE_LIMITS;
  });
}
