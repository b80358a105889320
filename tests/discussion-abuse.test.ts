import { describe, expect, it, onTestFinished } from "vitest";
import { getTracks, publishedLessons } from "@/lib/content";
import { db } from "@/lib/db/client";
import { loadActor } from "@/lib/db/discussion/actors";
import { createReply, editPost } from "@/lib/db/discussion/posts";
import { reportPost } from "@/lib/db/discussion/reports";
import { createThread } from "@/lib/db/discussion/threads";
import { listReportQueue } from "@/lib/db/moderation/queue";
import { AppError } from "@/lib/errors";
import { newUser, unique, withDiscussionRateLimitsOff } from "@/tests/helpers/discussion";
import { ZCreateReplyRequest, ZEditPostRequest } from "@/lib/schemas/discussion";

/**
 * Issue 11, findings 4 and 5, on the real database: editing and rendering posts cannot be used to
 * stall the server, and reports cannot hide anyone's post at will.
 */
const lessons = publishedLessons(getTracks()[0]!);
const LESSON = lessons[2]!.id;


/** An account whose reports count: older than a day, with a post of its own. */
async function establishedUser() {
  const user = await newUser();
  await createThread({ actor: await loadActor(user.id), lessonId: LESSON, title: `Hello ${unique()}`, body: `My first post ${unique()}` });
  return user;
}

/** An account whose reports count because it completed a lesson (and never posted). */
async function learnerWhoCompletedALesson() {
  const user = await newUser();
  await db().lessonProgress.create({
    data: { userId: user.id, trackSlug: "sql", lessonId: lessons[0]!.id, completedAt: new Date(), completedVersion: lessons[0]!.versions.at(-1)!.version },
  });
  return user;
}

async function appError(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "an AppError").toBeInstanceOf(AppError);
  return error as AppError;
}

async function postStatus(id: string) {
  return (await db().post.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
}

withDiscussionRateLimitsOff();

describe("finding 4: editing and rendering posts cannot stall the server", () => {
  it("edits are rate limited: the 7th edit within a minute is refused with a retry time, and nothing is written", async () => {
    delete process.env.DISCUSSION_RATE_LIMITS;
    const user = await newUser();
    const t = await createThread({ actor: await loadActor(user.id), lessonId: LESSON, title: `Edits ${unique()}`, body: "version 0" });
    for (let i = 1; i <= 6; i++) await editPost({ actor: await loadActor(user.id), postId: t.post.id, body: `version ${i}` });
    const error = await appError(editPost({ actor: await loadActor(user.id), postId: t.post.id, body: "version 7" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await db().post.findUniqueOrThrow({ where: { id: t.post.id } })).body).toBe("version 6");
  });

  it("a body nested deeper than the limit is refused naming the body, for new posts and edits", async () => {
    const user = await newUser();
    const t = await createThread({ actor: await loadActor(user.id), lessonId: LESSON, title: `Deep ${unique()}`, body: "flat" });
    for (const deep of [">".repeat(10_000), "1. ".repeat(3_000), Array.from({ length: 40 }, (_, i) => `${" ".repeat(i * 2)}- item`).join("\n")]) {
      // as route() does: the body is parsed once (ZCreateReplyRequest), then handed to the service
      const error = await (async () => createReply({ actor: await loadActor(user.id), threadId: t.thread.id, ...ZCreateReplyRequest.parse({ body: deep }) }))().then(
        () => null,
        (e: unknown) => e as { issues?: { path: PropertyKey[]; message: string }[] },
      );
      expect(error?.issues?.[0]?.path).toEqual(["body"]);
      expect(error?.issues?.[0]?.message).toMatch(/nest/);
    }
    const edit = await (async () => editPost({ actor: await loadActor(user.id), postId: t.post.id, ...ZEditPostRequest.parse({ body: ">".repeat(10_000) }) }))().then(
      () => null,
      (e: unknown) => e as { issues?: { path: PropertyKey[] }[] },
    );
    expect(edit?.issues?.[0]?.path).toEqual(["body"]);
    expect(await db().post.count({ where: { threadId: t.thread.id } })).toBe(1);
  });

  it("a body the renderer cannot finish within its time budget is refused (422 naming the body), and nothing is written", async () => {
    // A short budget (the default is 500 ms) keeps a wide margin to this body's render time (about
    // 0.7 to 1.9 s here), so a fast machine cannot finish it in time by luck.
    process.env.POST_RENDER_BUDGET_MS = "100";
    onTestFinished(() => {
      delete process.env.POST_RENDER_BUDGET_MS;
    });
    const user = await newUser();
    const t = await createThread({ actor: await loadActor(user.id), lessonId: LESSON, title: `Slow ${unique()}`, body: "fine" });
    const error = await appError(createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "*_a".repeat(3_333) }));
    expect(error.code).toBe("UNPROCESSABLE");
    expect(error.details?.field).toBe("body");
    expect(error.message).toMatch(/too complex/);
    expect(await db().post.count({ where: { threadId: t.thread.id } })).toBe(1);
    // the renderer is usable again right after (with the default budget: a busy machine is slow)
    delete process.env.POST_RENDER_BUDGET_MS;
    const ok = await createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "**still** works" });
    expect(ok.post.bodyHtml).toContain("<strong>still</strong>");
  });
});

describe("finding 5: reports cannot hide anyone's post at will", () => {
  it("three reports from new accounts, or from accounts with no post and no completed lesson, do not hide a post", async () => {
    const author = await newUser();
    const t = await createThread({ actor: await loadActor(author.id), lessonId: LESSON, title: `Target ${unique()}`, body: `Fine text ${unique()}` });
    const brandNew = await Promise.all([newUser("LEARNER", 0), newUser("LEARNER", 0), newUser("LEARNER", 0)]);
    for (const r of brandNew) await reportPost({ actor: await loadActor(r.id), postId: t.post.id, reason: "SPAM" });
    const silentOld = await Promise.all([newUser(), newUser(), newUser()]);
    for (const r of silentOld) await reportPost({ actor: await loadActor(r.id), postId: t.post.id, reason: "SPAM" });
    expect(await postStatus(t.post.id)).toBe("VISIBLE");
    // the reports still reach the moderators
    const mod = await newUser("MODERATOR");
    const queue = await listReportQueue({ actor: mod, page: 1 });
    expect(JSON.stringify(queue)).toContain(t.post.id);
  });

  it("three reports from established accounts (a day old, with a post or a completed lesson) hide it", async () => {
    const author = await newUser();
    const t = await createThread({ actor: await loadActor(author.id), lessonId: LESSON, title: `Spam ${unique()}`, body: `Buy now ${unique()}` });
    const reporters = [await establishedUser(), await establishedUser(), await learnerWhoCompletedALesson()];
    await reportPost({ actor: await loadActor(reporters[0]!.id), postId: t.post.id, reason: "SPAM" });
    await reportPost({ actor: await loadActor(reporters[1]!.id), postId: t.post.id, reason: "SPAM" });
    expect(await postStatus(t.post.id)).toBe("VISIBLE");
    await reportPost({ actor: await loadActor(reporters[2]!.id), postId: t.post.id, reason: "SPAM" });
    expect(await postStatus(t.post.id)).toBe("HIDDEN");
  });

  it("posts by moderators and admins are never auto-hidden; their reports go to the queue", async () => {
    for (const role of ["MODERATOR", "ADMIN"] as const) {
      const staff = await newUser(role);
      const t = await createThread({ actor: await loadActor(staff.id), lessonId: LESSON, title: `Staff ${unique()}`, body: `Announcement ${unique()}` });
      for (let i = 0; i < 4; i++) await reportPost({ actor: await loadActor((await establishedUser()).id), postId: t.post.id, reason: "ABUSE" });
      expect(await postStatus(t.post.id)).toBe("VISIBLE");
      expect(await db().report.count({ where: { postId: t.post.id, status: "OPEN" } })).toBe(4);
    }
  });

  it("one account may file at most 20 reports a day (429 with a retry time)", async () => {
    const reporter = await establishedUser();
    const author = await newUser();
    const t = await createThread({ actor: await loadActor(author.id), lessonId: LESSON, title: `Many ${unique()}`, body: `Opening ${unique()}` });
    const replies = [];
    for (let i = 0; i < 21; i++) replies.push(await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: `Reply ${i} ${unique()}` }));
    for (const r of replies.slice(0, 20)) await reportPost({ actor: await loadActor(reporter.id), postId: r.post.id, reason: "SPAM" });
    const error = await appError(reportPost({ actor: await loadActor(reporter.id), postId: replies[20]!.post.id, reason: "SPAM" }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await db().report.count({ where: { reporterId: reporter.id } })).toBe(20);
  });
});
