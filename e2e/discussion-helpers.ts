import type { APIRequestContext, APIResponse } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { expect } from "./fixtures";

/**
 * Discussion helpers shared by the specs. Each spec posts under its own lesson, so parallel specs
 * do not push each other's threads off the first page; migrations-basics stays empty for
 * e2e/reader.spec.ts ("No discussion yet").
 */
export const LESSONS = {
  api: { id: "05090143-7731-4e95-a411-9d5505c44a54", path: "/tracks/sql/inner-joins" },
  xss: { id: "5579713f-b343-4292-bf07-f28fcda488bd", path: "/tracks/sql/what-is-sql" },
  journey: { id: "58e31b3a-21fb-426e-a295-d406390c67e0", path: "/tracks/sql/select-basics" },
  moderation: { id: "4d4fff96-7103-473a-8cb8-6289d0783e42", path: "/tracks/sql/where-filtering" },
  deepLink: { id: "0287f06c-a894-4a2d-98dc-1686a6662f0d", path: "/tracks/sql/group-by-having" },
} as const;

export const unique = () => randomBytes(4).toString("hex");

export async function json(res: APIResponse) {
  const text = await res.text();
  expect(res.status(), text).toBeLessThan(300);
  return JSON.parse(text);
}

export async function createThread(
  api: APIRequestContext,
  lessonId: string,
  title = `Question ${unique()}`,
  body = `Body ${unique()}`,
) {
  const data = await json(await api.post(`/api/v1/lessons/${lessonId}/threads`, { data: { title, body } }));
  return { threadId: data.thread.id as string, openingPostId: data.post.id as string };
}

export async function reply(api: APIRequestContext, threadId: string, body = `Reply ${unique()}`, parentId?: string) {
  const data = await json(await api.post(`/api/v1/threads/${threadId}/posts`, { data: { body, parentId } }));
  return data.post.id as string;
}

export async function modAction(mod: APIRequestContext, data: Record<string, unknown>) {
  return json(await mod.post("/api/v1/mod/actions", { data }));
}
