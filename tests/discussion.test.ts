import { describe, expect, it } from "vitest";
import { getTracks, publishedLessons } from "@/lib/content";
import { db } from "@/lib/db/client";
import { loadActor, loadViewer } from "@/lib/db/discussion/actors";
import { exportDiscussion } from "@/lib/db/discussion/export";
import { listNotifications, markNotificationsRead } from "@/lib/db/discussion/notifications";
import { createReply, deletePost, editPost } from "@/lib/db/discussion/posts";
import { refreshStaleHtml } from "@/lib/db/discussion/render";
import { reportPost } from "@/lib/db/discussion/reports";
import { createThread, deleteThread, getThread, listThreads, updateThread } from "@/lib/db/discussion/threads";
import { unvotePost, votePost } from "@/lib/db/discussion/votes";
import { listAudit } from "@/lib/db/moderation/audit-log";
import { moderate } from "@/lib/db/moderation/moderate";
import { listReportQueue } from "@/lib/db/moderation/queue";
import { resetLimit } from "@/lib/db/rate-limit";
import { deleteAccount } from "@/lib/db/account";
import { banUser, setUserRole, unbanUser } from "@/lib/db/users";
import { POST_ACTIONS, THREAD_ACTIONS, USER_ACTIONS } from "@/lib/domain/moderation";
import { POST_RENDER_VERSION, renderPostMarkdown } from "@/lib/domain/post-markdown";
import { AppError } from "@/lib/errors";
import { DAY, newUser, unique, withDiscussionRateLimitsOff } from "@/tests/helpers/discussion";
import { ZCreateThreadRequest, type TModActionRequest } from "@/lib/schemas/discussion";

const lessons = publishedLessons(getTracks()[0]!);
const LESSON = lessons[0]!.id;
const OTHER_LESSON = lessons[1]!.id;


async function expectAppError(p: Promise<unknown>, code: string, message?: RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}

/** An account whose reports count toward auto-hide: a day old, with a post of its own (lib/domain/moderation.ts). */
async function reporter() {
  const user = await newUser();
  await createThread({ actor: await loadActor(user.id), lessonId: OTHER_LESSON, title: `Intro ${unique()}`, body: `Hello from ${unique()}` });
  return user;
}

const body = (label = "") => `Body ${label} ${unique()} with **markdown**`;

async function thread(authorId: string, lessonId = LESSON) {
  return createThread({ actor: await loadActor(authorId), lessonId, title: `Question ${unique()}`, body: body("op") });
}

withDiscussionRateLimitsOff();

describe("threads and replies", () => {
  it("creates a thread with sanitized HTML, lists it for guests, nests replies to depth 3", async () => {
    const [author, other] = await Promise.all([newUser(), newUser()]);
    // the request as route() hands it over: parsed (and cleaned) once by ZCreateThreadRequest
    const created = await createThread({
      actor: await loadActor(author.id),
      lessonId: LESSON,
      ...ZCreateThreadRequest.parse({ title: "  How   do  I  migrate?  ", body: "Try `ALTER` <script>alert(1)</script>" }),
    });
    expect(created.thread.title).toBe("How do I migrate?");
    expect(created.post.bodyHtml).toBe("<p>Try <code>ALTER</code> &#x3C;script>alert(1)&#x3C;/script></p>");
    const listed = await listThreads({ viewer: null, lessonId: LESSON, sort: "newest", page: 1 });
    expect(listed.threads.map((t) => t.id)).toContain(created.thread.id);
    expect(listed.viewer).toBeNull();

    const r1 = await createReply({ actor: await loadActor(other.id), threadId: created.thread.id, body: body("r1") });
    const r2 = await createReply({
      actor: await loadActor(author.id),
      threadId: created.thread.id,
      parentId: r1.post.id,
      body: body("r2"),
    });
    const r3 = await createReply({
      actor: await loadActor(other.id),
      threadId: created.thread.id,
      parentId: r2.post.id,
      body: body("r3"),
    });
    const r4 = await createReply({
      actor: await loadActor(author.id),
      threadId: created.thread.id,
      parentId: r3.post.id,
      body: body("r4"),
    });
    expect([r1, r2, r3, r4].map((r) => r.post.depth)).toEqual([1, 2, 3, 3]);
    expect(r4.post.parentId).toBe(r2.post.id);

    const view = await getThread({ viewer: null, threadId: created.thread.id, sort: "newest", page: 1 });
    expect(view.thread.replyCount).toBe(4);
    expect(view.post.replies[0]!.replies[0]!.replies.map((p) => p.id)).toEqual([r3.post.id, r4.post.id]);
    await expectAppError(
      createThread({
        actor: await loadActor(author.id),
        lessonId: "00000000-0000-4000-8000-000000000000",
        title: "Unknown lesson",
        body: "x",
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      createReply({
        actor: await loadActor(other.id),
        threadId: created.thread.id,
        parentId: (await thread(other.id)).post.id,
        body: "x",
      }),
      "NOT_FOUND",
    );
  });

  it("sorts by newest or most helpful, pinned first, and pages long lists", async () => {
    const author = await newUser();
    const voters = await Promise.all([newUser(), newUser()]);
    const a = await thread(author.id, OTHER_LESSON);
    const b = await thread(author.id, OTHER_LESSON);
    for (const v of voters) await votePost({ actor: await loadActor(v.id), postId: a.post.id });
    const newest = await listThreads({ viewer: null, lessonId: OTHER_LESSON, sort: "newest", page: 1 });
    expect(newest.threads.slice(0, 2).map((t) => t.id)).toEqual([b.thread.id, a.thread.id]);
    const helpful = await listThreads({ viewer: null, lessonId: OTHER_LESSON, sort: "helpful", page: 1 });
    expect(helpful.threads[0]!.id).toBe(a.thread.id);
    expect(helpful.threads[0]!.helpfulCount).toBe(2);

    const mod = await newUser("MODERATOR");
    await moderate({ actor: mod, request: { action: "pin", threadId: a.thread.id } });
    const pinned = await listThreads({ viewer: null, lessonId: OTHER_LESSON, sort: "newest", page: 1 });
    expect(pinned.threads[0]!.id).toBe(a.thread.id);

    // other test files post on this lesson too (in parallel on one PostgreSQL): count from what is there
    const before = (await listThreads({ viewer: null, lessonId: lessons[2]!.id, sort: "newest", page: 1 })).total;
    const mine = [];
    for (let i = 0; i < 21; i++) mine.push((await thread(author.id, lessons[2]!.id)).thread.id);
    const page1 = await listThreads({ viewer: null, lessonId: lessons[2]!.id, sort: "newest", page: 1 });
    expect(page1.total).toBeGreaterThanOrEqual(before + 21);
    expect(page1.pages).toBe(Math.ceil(page1.total / page1.pageSize));
    expect(page1.threads).toHaveLength(page1.pageSize);
    const last = await listThreads({ viewer: null, lessonId: lessons[2]!.id, sort: "newest", page: page1.pages });
    expect(last.threads).toHaveLength(page1.total - (page1.pages - 1) * page1.pageSize);
    // newest first: the first of mine is after the 20 newer ones of mine, on a later page than the last
    expect(page1.threads.map((t) => t.id)).not.toContain(mine[0]);
  });

  it("edits its own posts with an edited label; others may not; locked threads refuse learners", async () => {
    const [author, other, mod] = await Promise.all([newUser(), newUser(), newUser("MODERATOR")]);
    const t = await thread(author.id);
    const reply = await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: "first words" });
    expect(reply.post.editedAt).toBeNull();
    const same = await editPost({ actor: await loadActor(author.id), postId: reply.post.id, body: "first words" });
    expect(same.post.editedAt).toBeNull();
    const edited = await editPost({
      actor: await loadActor(author.id),
      postId: reply.post.id,
      body: "better words, [link](https://example.com)",
    });
    expect(edited.post.editedAt).not.toBeNull();
    expect(edited.post.bodyHtml).toContain('rel="nofollow ugc noopener"');
    await expectAppError(editPost({ actor: await loadActor(other.id), postId: reply.post.id, body: "mine now" }), "FORBIDDEN");
    await expectAppError(
      editPost({ actor: await loadActor(mod.id), postId: reply.post.id, body: "moderators do not edit" }),
      "FORBIDDEN",
    );
    const retitled = await updateThread({ actor: await loadActor(author.id), threadId: t.thread.id, title: "A better title" });
    expect(retitled.thread.title).toBe("A better title");
    expect(retitled.post.editedAt).not.toBeNull();
    await expectAppError(
      updateThread({ actor: await loadActor(other.id), threadId: t.thread.id, title: "Hijacked title" }),
      "FORBIDDEN",
    );

    await moderate({ actor: mod, request: { action: "lock", threadId: t.thread.id } });
    await expectAppError(
      createReply({ actor: await loadActor(other.id), threadId: t.thread.id, body: "late reply" }),
      "FORBIDDEN",
      /locked/,
    );
    await expectAppError(
      editPost({ actor: await loadActor(author.id), postId: reply.post.id, body: "edit while locked" }),
      "FORBIDDEN",
      /locked/,
    );
    expect(
      (await createReply({ actor: await loadActor(mod.id), threadId: t.thread.id, body: "Locking this: resolved." })).post.depth,
    ).toBe(1);
    // deleting your own post stays possible
    expect((await deletePost({ actor: await loadActor(author.id), postId: reply.post.id })).post.deleted).toBe(true);
  });
});

describe("stored HTML follows the current rendering rules", () => {
  /** Makes a post look as if older rules had rendered it (an old sanitizer that let a script through). */
  async function renderedByOldRules(postId: string) {
    await db()
      .$executeRaw`UPDATE posts SET body_html = '<p>old<script>alert(1)</script></p>', render_version = 0 WHERE id = ${postId}::uuid`;
  }

  it("a post rendered by older rules is rendered again on read and stored; current ones are served as stored", async () => {
    const [author, mod, reporter] = await Promise.all([newUser(), newUser("MODERATOR"), newUser()]);
    const t = await thread(author.id);
    const reply = await createReply({
      actor: await loadActor(author.id),
      threadId: t.thread.id,
      body: "A *reply* <img src=x onerror=alert(1)>",
    });
    const fresh = (await db().post.findUniqueOrThrow({ where: { id: reply.post.id } })).bodyHtml;
    expect((await db().post.findUniqueOrThrow({ where: { id: reply.post.id } })).renderVersion).toBe(
      POST_RENDER_VERSION,
    );
    await Promise.all([renderedByOldRules(t.post.id), renderedByOldRules(reply.post.id)]);

    const view = await getThread({ viewer: null, threadId: t.thread.id, sort: "newest", page: 1 });
    const opening = await db().post.findUniqueOrThrow({ where: { id: t.post.id } });
    expect(view.post.bodyHtml).toBe(renderPostMarkdown(opening.body));
    expect(view.post.bodyHtml).toContain("<strong>markdown</strong>");
    expect(view.post.replies[0]!.bodyHtml).toBe(fresh);
    const stored = await db().post.findMany({ where: { id: { in: [t.post.id, reply.post.id] } } });
    expect(stored.map((p) => [p.renderVersion, p.bodyHtml.includes("<script")])).toEqual([
      [POST_RENDER_VERSION, false],
      [POST_RENDER_VERSION, false],
    ]);

    // stored HTML of the current version is served as it is, not rendered on every read
    await db().$executeRaw`UPDATE posts SET body_html = '<p>as stored</p>' WHERE id = ${t.post.id}::uuid`;
    expect((await getThread({ viewer: null, threadId: t.thread.id, sort: "newest", page: 1 })).post.bodyHtml).toBe(
      "<p>as stored</p>",
    );

    // the moderator queue shows reported posts' HTML too
    await renderedByOldRules(reply.post.id);
    await reportPost({ actor: await loadActor(reporter.id), postId: reply.post.id, reason: "OFF_TOPIC" });
    // the queue is shared with other test files: look for this report on every page
    let item: Awaited<ReturnType<typeof listReportQueue>>["items"][number] | undefined;
    for (let page = 1; !item && page <= 50; page++) {
      const queue = await listReportQueue({ actor: mod, page });
      item = queue.items.find((i) => i.post.id === reply.post.id);
      if (page >= queue.pages) break;
    }
    if (!item) throw new Error("the reported post is not in the moderator queue");
    expect(item.post.bodyHtml).toBe(fresh);
    expect((await db().post.findUniqueOrThrow({ where: { id: reply.post.id } })).renderVersion).toBe(
      POST_RENDER_VERSION,
    );
  });

  it("does not overwrite a body edited between the read and the store", async () => {
    const author = await newUser();
    const [a, b] = await Promise.all([thread(author.id), thread(author.id)]);
    await Promise.all([renderedByOldRules(a.post.id), renderedByOldRules(b.post.id)]);
    const stored = (id: string) => db().post.findUniqueOrThrow({ where: { id } });
    const [readA, readB] = await Promise.all([stored(a.post.id), stored(b.post.id)]);
    // a: edited through the app meanwhile (new body, its HTML, the current version)
    const edited = await editPost({ actor: await loadActor(author.id), postId: a.post.id, body: "Edited *body*" });
    // b: edited by something that did not know the version (an instance still on the old code)
    await db()
      .$executeRaw`UPDATE posts SET body = 'other', body_hash = 'other-hash', body_html = '<p>other</p>' WHERE id = ${b.post.id}::uuid`;
    await refreshStaleHtml(db(), [readA, readB]);
    const [storedA, storedB] = await Promise.all([stored(a.post.id), stored(b.post.id)]);
    expect(storedA.bodyHtml).toBe(edited.post.bodyHtml);
    expect(storedA.bodyHtml).toBe(renderPostMarkdown("Edited *body*"));
    expect([storedB.bodyHtml, storedB.renderVersion]).toEqual(["<p>other</p>", 0]);
  });
});

describe("soft delete", () => {
  it("keeps the reply tree under a deleted post and shows it as [deleted]", async () => {
    const [author, other] = await Promise.all([newUser(), newUser()]);
    const t = await thread(author.id);
    const parent = await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: "the parent text" });
    const child = await createReply({
      actor: await loadActor(other.id),
      threadId: t.thread.id,
      parentId: parent.post.id,
      body: "the child text",
    });
    await createReply({
      actor: await loadActor(author.id),
      threadId: t.thread.id,
      parentId: child.post.id,
      body: "the grandchild text",
    });
    await expectAppError(deletePost({ actor: await loadActor(other.id), postId: parent.post.id }), "FORBIDDEN");
    const deleted = await deletePost({ actor: await loadActor(author.id), postId: parent.post.id });
    expect(deleted.post).toMatchObject({ deleted: true, bodyHtml: null, author: null });

    const view = await getThread({ viewer: await loadViewer(other.id), threadId: t.thread.id, sort: "newest", page: 1 });
    const shown = view.post.replies.find((p) => p.id === parent.post.id)!;
    expect(shown).toMatchObject({ deleted: true, bodyHtml: null, author: null });
    expect(shown.replies[0]!.id).toBe(child.post.id);
    expect(shown.replies[0]!.replies).toHaveLength(1);
    expect(JSON.stringify(view)).not.toContain("the parent text");
    // the row is still there (moderators may need it), and deleting again is a no-op
    expect((await db().post.findUniqueOrThrow({ where: { id: parent.post.id } })).body).toBe("the parent text");
    expect((await deletePost({ actor: await loadActor(author.id), postId: parent.post.id })).post.deleted).toBe(true);
    await expectAppError(editPost({ actor: await loadActor(author.id), postId: parent.post.id, body: "revive" }), "CONFLICT");
  });

  it("a deleted thread keeps its replies, and disappears from the list once it has none", async () => {
    const [author, other] = await Promise.all([newUser(), newUser()]);
    const withReplies = await thread(author.id);
    await createReply({ actor: await loadActor(other.id), threadId: withReplies.thread.id, body: "an answer" });
    const lonely = await thread(author.id);
    await deleteThread({ actor: await loadActor(author.id), threadId: withReplies.thread.id });
    await deleteThread({ actor: await loadActor(author.id), threadId: lonely.thread.id });
    const list = await listThreads({ viewer: null, lessonId: LESSON, sort: "newest", page: 1 });
    const kept = list.threads.find((t) => t.id === withReplies.thread.id)!;
    expect(kept).toMatchObject({ title: "[deleted]", deleted: true, author: null, replyCount: 1 });
    expect(list.threads.some((t) => t.id === lonely.thread.id)).toBe(false);
  });
});

describe("votes", () => {
  it("one per user per post, never on one's own; the count follows; account deletion takes votes back", async () => {
    const [author, a, b] = await Promise.all([newUser(), newUser(), newUser()]);
    const t = await thread(author.id);
    await expectAppError(votePost({ actor: await loadActor(author.id), postId: t.post.id }), "FORBIDDEN", /own post/);
    expect((await votePost({ actor: await loadActor(a.id), postId: t.post.id })).vote.helpfulCount).toBe(1);
    expect((await votePost({ actor: await loadActor(a.id), postId: t.post.id })).vote.helpfulCount).toBe(1);
    expect(
      (
        await Promise.all([
          votePost({ actor: await loadActor(b.id), postId: t.post.id }),
          votePost({ actor: await loadActor(b.id), postId: t.post.id }),
        ])
      )[1].vote.helpfulCount,
    ).toBe(2);
    const view = await getThread({ viewer: await loadViewer(a.id), threadId: t.thread.id, sort: "newest", page: 1 });
    expect(view.post).toMatchObject({ helpfulCount: 2, votedByMe: true, mine: false });
    expect((await unvotePost({ actor: await loadActor(a.id), postId: t.post.id })).vote).toEqual({
      postId: t.post.id,
      helpfulCount: 1,
      votedByMe: false,
    });
    expect((await unvotePost({ actor: await loadActor(a.id), postId: t.post.id })).vote.helpfulCount).toBe(1);

    await deleteAccount({ userId: b.id, password: "a-fine-password-1" });
    expect((await db().post.findUniqueOrThrow({ where: { id: t.post.id } })).helpfulCount).toBe(0);
  });

  it("posts of a deleted account stay, shown as [deleted account] with the body kept", async () => {
    const [author, other] = await Promise.all([newUser(), newUser()]);
    const t = await thread(author.id);
    await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: "words that outlive the account" });
    await createReply({ actor: await loadActor(other.id), threadId: t.thread.id, body: "a reply to them" });
    await deleteAccount({ userId: author.id, password: "a-fine-password-1" });
    const view = await getThread({ viewer: null, threadId: t.thread.id, sort: "newest", page: 1 });
    expect(view.thread).toMatchObject({ author: null, authorDeleted: true, title: t.thread.title });
    const theirs = view.post.replies.find((p) => p.bodyHtml?.includes("outlive"))!;
    expect(theirs).toMatchObject({ author: null, authorDeleted: true, deleted: false });
  });
});

describe("reports and auto-hide", () => {
  it("one report per user (409 on a second), not on one's own post, and the third DISTINCT report hides the post", async () => {
    const [author, r1, r2, r3] = await Promise.all([newUser(), reporter(), reporter(), reporter()]);
    const t = await thread(author.id);
    const reply = await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: "buy cheap watches" });
    await expectAppError(reportPost({ actor: await loadActor(author.id), postId: reply.post.id, reason: "SPAM" }), "FORBIDDEN");
    await reportPost({ actor: await loadActor(r1.id), postId: reply.post.id, reason: "SPAM" });
    await expectAppError(
      reportPost({ actor: await loadActor(r1.id), postId: reply.post.id, reason: "ABUSE" }),
      "CONFLICT",
      /already reported/,
    );
    await reportPost({ actor: await loadActor(r2.id), postId: reply.post.id, reason: "OTHER", note: "looks like an ad" });
    // two reports, one of them repeated by the same user: still visible
    expect((await db().post.findUniqueOrThrow({ where: { id: reply.post.id } })).status).toBe("VISIBLE");
    await reportPost({ actor: await loadActor(r3.id), postId: reply.post.id, reason: "SPAM" });
    expect((await db().post.findUniqueOrThrow({ where: { id: reply.post.id } })).status).toBe("HIDDEN");
    const audit = await db().auditLog.findFirstOrThrow({
      where: { targetPostId: reply.post.id, action: "post.auto_hide" },
    });
    expect(audit).toMatchObject({ actorId: null, targetUserId: author.id });
    const view = await getThread({ viewer: await loadViewer(r1.id), threadId: t.thread.id, sort: "newest", page: 1 });
    expect(JSON.stringify(view)).not.toContain(reply.post.id);
  });

  it("concurrent reports are counted one after another: three at once hide the post", async () => {
    const author = await newUser();
    const reporters = await Promise.all([reporter(), reporter(), reporter()]);
    const t = await thread(author.id);
    const actors = await Promise.all(reporters.map((r) => loadActor(r.id)));
    await Promise.all(actors.map((actor) => reportPost({ actor, postId: t.post.id, reason: "SPAM" })));
    expect((await db().post.findUniqueOrThrow({ where: { id: t.post.id } })).status).toBe("HIDDEN");
    // an opening post hides the whole thread
    expect((await db().thread.findUniqueOrThrow({ where: { id: t.thread.id } })).status).toBe("HIDDEN");
  });

  it("the moderator queue groups open reports by post with their context", async () => {
    const [author, r1, r2, mod, learner] = await Promise.all([
      newUser(),
      newUser(),
      newUser(),
      newUser("MODERATOR"),
      newUser(),
    ]);
    const t = await thread(author.id);
    await reportPost({ actor: await loadActor(r1.id), postId: t.post.id, reason: "OFF_TOPIC" });
    await reportPost({ actor: await loadActor(r2.id), postId: t.post.id, reason: "OTHER", note: "wrong lesson" });
    await expectAppError(listReportQueue({ actor: learner, page: 1 }), "FORBIDDEN");
    const queue = await listReportQueue({ actor: mod, page: 1 });
    const item = queue.items.find((i) => i.post.id === t.post.id)!;
    expect(item.thread.title).toBe(t.thread.title);
    expect(item.lesson.title).toBe(lessons[0]!.versions.at(-1)!.title);
    expect(item.author!.id).toBe(author.id);
    expect(item.reports.map((r) => [r.reason, r.note])).toEqual([
      ["OFF_TOPIC", null],
      ["OTHER", "wrong lesson"],
    ]);
    await moderate({ actor: mod, request: { action: "dismiss", postId: t.post.id } });
    expect((await listReportQueue({ actor: mod, page: 1 })).items.some((i) => i.post.id === t.post.id)).toBe(
      false,
    );
    const resolved = await db().report.findMany({ where: { postId: t.post.id } });
    expect(
      resolved.every((r) => r.status === "RESOLVED" && r.resolvedById === mod.id && r.resolution === "dismissed"),
    ).toBe(true);
  });
});

describe("hidden posts are absent from every public response", () => {
  it("guests and learners never see hidden or removed posts (nor what hangs below them); moderators see them marked", async () => {
    const [author, learner, replier, mod] = await Promise.all([newUser(), newUser(), newUser(), newUser("MODERATOR")]);
    const t = await thread(author.id);
    const secret = `hidden-${unique()}`;
    const hidden = await createReply({ actor: await loadActor(replier.id), threadId: t.thread.id, body: `${secret} text` });
    const below = await createReply({
      actor: await loadActor(author.id),
      threadId: t.thread.id,
      parentId: hidden.post.id,
      body: `below-${secret}`,
    });
    const removed = await createReply({ actor: await loadActor(replier.id), threadId: t.thread.id, body: `removed-${secret}` });
    await moderate({ actor: mod, request: { action: "hide", postId: hidden.post.id, reason: "rude" } });
    await moderate({ actor: mod, request: { action: "remove", postId: removed.post.id } });

    for (const viewerId of [null, learner.id, author.id, replier.id]) {
      const viewer = await loadViewer(viewerId);
      const list = await listThreads({ viewer, lessonId: LESSON, sort: "newest", page: 1 });
      const responses = [
        await getThread({ viewer, threadId: t.thread.id, sort: "newest", page: 1 }),
        await getThread({ viewer, threadId: t.thread.id, sort: "helpful", page: 1 }),
        list,
      ];
      const json = JSON.stringify(responses);
      for (const id of [hidden.post.id, below.post.id, removed.post.id])
        expect(json, `viewer ${viewerId}`).not.toContain(id);
      expect(json).not.toContain(secret);
      // counts do not give them away either
      expect(list.threads.find((x) => x.id === t.thread.id)!.replyCount).toBe(0);
      expect((responses[0] as { thread: { replyCount: number } }).thread.replyCount).toBe(0);
    }
    // the thread author's notifications do not reveal the hidden replies either
    expect(JSON.stringify(await listNotifications({ userId: author.id, page: 1 }))).not.toContain(secret);
    // nor can anyone act on them
    await expectAppError(votePost({ actor: await loadActor(learner.id), postId: hidden.post.id }), "NOT_FOUND");
    await expectAppError(reportPost({ actor: await loadActor(learner.id), postId: hidden.post.id, reason: "SPAM" }), "NOT_FOUND");
    await expectAppError(
      createReply({ actor: await loadActor(learner.id), threadId: t.thread.id, parentId: hidden.post.id, body: "reply to hidden" }),
      "NOT_FOUND",
    );
    await expectAppError(editPost({ actor: await loadActor(replier.id), postId: hidden.post.id, body: "edit hidden" }), "NOT_FOUND");

    const modView = await getThread({ viewer: await loadViewer(mod.id), threadId: t.thread.id, sort: "newest", page: 1 });
    const statuses = Object.fromEntries(modView.post.replies.map((p) => [p.id, p.status]));
    expect(statuses).toEqual({ [hidden.post.id]: "HIDDEN", [removed.post.id]: "REMOVED" });
    expect(modView.post.replies.find((p) => p.id === hidden.post.id)!.replies[0]!.id).toBe(below.post.id);
  });

  it("a hidden opening post hides the whole thread from everyone but moderators", async () => {
    const [author, mod] = await Promise.all([newUser(), newUser("MODERATOR")]);
    const t = await thread(author.id);
    await moderate({ actor: mod, request: { action: "hide", postId: t.post.id } });
    expect(
      (await listThreads({ viewer: null, lessonId: LESSON, sort: "newest", page: 1 })).threads.some(
        (x) => x.id === t.thread.id,
      ),
    ).toBe(false);
    await expectAppError(
      getThread({ viewer: await loadViewer(author.id), threadId: t.thread.id, sort: "newest", page: 1 }),
      "NOT_FOUND",
    );
    await expectAppError(createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: "anyone there?" }), "NOT_FOUND");
    const forMod = await listThreads({ viewer: await loadViewer(mod.id), lessonId: LESSON, sort: "newest", page: 1 });
    expect(forMod.threads.find((x) => x.id === t.thread.id)!.status).toBe("HIDDEN");
    await moderate({ actor: mod, request: { action: "unhide", postId: t.post.id } });
    expect((await getThread({ viewer: null, threadId: t.thread.id, sort: "newest", page: 1 })).thread.status).toBe(
      "VISIBLE",
    );
  });
});

describe("rate limits and standing", () => {
  const limitsOn = () => {
    delete process.env.DISCUSSION_RATE_LIMITS;
  };

  it("one post per 15 seconds per user (429 with a retry time), and the switch turns it off", async () => {
    limitsOn();
    const user = await newUser();
    const t = await thread(user.id);
    const error = await expectAppError(
      createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "too quick" }),
      "RATE_LIMITED",
      /once every 15 seconds/,
    );
    expect(error.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.details?.retryAfterSeconds).toBeLessThanOrEqual(15);
    // nothing was written by the refused request
    expect(await db().post.count({ where: { authorId: user.id } })).toBe(1);
    const other = await newUser();
    await createReply({ actor: await loadActor(other.id), threadId: t.thread.id, body: "someone else may post" });

    process.env.DISCUSSION_RATE_LIMITS = "off";
    await createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "with the limits off" });
    await createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "and again" });
  });

  it("accounts younger than 24 hours: at most 3 threads and 10 replies a day", async () => {
    limitsOn();
    const young = await newUser("LEARNER", 0);
    const threads = [];
    for (let i = 0; i < 3; i++) {
      threads.push(await thread(young.id));
      await resetLimit("postInterval", young.id);
    }
    const fourth = await expectAppError(thread(young.id), "RATE_LIMITED", /3 threads in their first day/);
    expect(fourth.details?.retryAfterSeconds).toBeGreaterThan(23 * 60 * 60);
    for (let i = 0; i < 10; i++) {
      await createReply({ actor: await loadActor(young.id), threadId: threads[0]!.thread.id, body: `reply ${i}` });
      await resetLimit("postInterval", young.id);
    }
    await expectAppError(
      createReply({ actor: await loadActor(young.id), threadId: threads[0]!.thread.id, body: "reply 11" }),
      "RATE_LIMITED",
      /10 replies/,
    );

    // a day later the caps are gone
    await db().user.update({ where: { id: young.id }, data: { createdAt: new Date(Date.now() - DAY - 1000) } });
    await thread(young.id);
  });

  it("the same text twice within 5 minutes is refused (409), even across threads; later it is fine", async () => {
    const user = await newUser();
    const t = await thread(user.id);
    const first = await createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "Same   words here" });
    await expectAppError(
      createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "same words HERE" }),
      "CONFLICT",
      /exact text/,
    );
    await expectAppError(
      createThread({ actor: await loadActor(user.id), lessonId: OTHER_LESSON, title: "Another place", body: "same words here" }),
      "CONFLICT",
    );
    await db().post.update({ where: { id: first.post.id }, data: { createdAt: new Date(Date.now() - 6 * 60 * 1000) } });
    await createReply({ actor: await loadActor(user.id), threadId: t.thread.id, body: "same words here" });
  });

  it("silenced users get 403 with the date; banned users get 403; both may still read", async () => {
    const [author, target, mod] = await Promise.all([newUser(), newUser(), newUser("MODERATOR")]);
    const t = await thread(author.id);
    const own = await createReply({ actor: await loadActor(target.id), threadId: t.thread.id, body: "before the silence" });
    const result = await moderate({
      actor: mod,
      request: { action: "silence", userId: target.id, days: 3, reason: "heated" },
    });
    const until = new Date((result as { user: { silencedUntil: string } }).user.silencedUntil);
    expect(until.getTime() - Date.now()).toBeGreaterThan(3 * DAY - 60_000);
    await expectAppError(
      createReply({ actor: await loadActor(target.id), threadId: t.thread.id, body: "can I talk?" }),
      "FORBIDDEN",
      /^You are silenced until \w+ \d+, \d{4}, \d\d:\d\d UTC\.$/,
    );
    await expectAppError(thread(target.id), "FORBIDDEN", /silenced until/);
    await expectAppError(
      editPost({ actor: await loadActor(target.id), postId: own.post.id, body: "edited while silenced" }),
      "FORBIDDEN",
      /silenced/,
    );
    expect((await votePost({ actor: await loadActor(target.id), postId: t.post.id })).vote.votedByMe).toBe(true);
    expect((await deletePost({ actor: await loadActor(target.id), postId: own.post.id })).post.deleted).toBe(true);
    expect(
      (await listThreads({ viewer: await loadViewer(target.id), lessonId: LESSON, sort: "newest", page: 1 })).viewer!.silencedUntil,
    ).toBe(until.toISOString());

    await banUser({ actor: mod, userId: author.id, reason: "spam" });
    // A banned account has no session (route() answers 403); read as an actor, it is refused the same way.
    await expectAppError(loadActor(author.id), "FORBIDDEN", /suspended/);
    // The posting rules refuse it too, for a caller holding the user as read after the ban.
    await expectAppError(
      createReply({ actor: { ...author, bannedAt: new Date() }, threadId: t.thread.id, body: "banned reply" }),
      "FORBIDDEN",
      /suspended/,
    );
    expect(
      (await getThread({ viewer: await loadViewer(author.id), threadId: t.thread.id, sort: "newest", page: 1 })).viewer,
    ).toBeNull();
  });
});

describe("moderation actions are audited in the same transaction", () => {
  async function setup() {
    const [author, mod] = await Promise.all([newUser(), newUser("MODERATOR")]);
    const reporters = await Promise.all([newUser(), newUser()]);
    const t = await thread(author.id);
    const reply = await createReply({ actor: await loadActor(author.id), threadId: t.thread.id, body: body("reply") });
    return { author, mod, reporters, t, reply };
  }

  it("writes one audit row per action with actor, target and reason", async () => {
    const { author, mod, reporters, t, reply } = await setup();
    const firstDay = new Date().toISOString().slice(0, 10);
    for (const r of reporters) await reportPost({ actor: await loadActor(r.id), postId: reply.post.id, reason: "SPAM" });
    const steps: [TModActionRequest, string, { post?: string; user?: string }][] = [
      [
        { action: "dismiss", postId: reply.post.id, reason: "fine" },
        "report.dismiss",
        { post: reply.post.id, user: author.id },
      ],
      [
        { action: "hide", postId: reply.post.id, reason: "rude" },
        "post.hide",
        { post: reply.post.id, user: author.id },
      ],
      [{ action: "unhide", postId: reply.post.id }, "post.unhide", { post: reply.post.id }],
      [{ action: "remove", postId: reply.post.id, reason: "spam" }, "post.remove", { post: reply.post.id }],
      [{ action: "lock", threadId: t.thread.id }, "thread.lock", { post: t.post.id, user: author.id }],
      [{ action: "unlock", threadId: t.thread.id }, "thread.unlock", { post: t.post.id }],
      [{ action: "pin", threadId: t.thread.id }, "thread.pin", { post: t.post.id }],
      [{ action: "unpin", threadId: t.thread.id }, "thread.unpin", { post: t.post.id }],
      [{ action: "silence", userId: author.id, days: 2, reason: "cool off" }, "user.silence", { user: author.id }],
      [{ action: "unsilence", userId: author.id }, "user.unsilence", { user: author.id }],
      [{ action: "ban", userId: author.id, reason: "repeat spam" }, "user.ban", { user: author.id }],
      [{ action: "unban", userId: author.id }, "user.unban", { user: author.id }],
    ];
    for (const [request, action, target] of steps) {
      const before = await db().auditLog.count({ where: { actorId: mod.id } });
      await moderate({ actor: mod, request });
      const rows = await db().auditLog.findMany({
        where: { actorId: mod.id },
        orderBy: { createdAt: "desc" },
        take: 1,
      });
      expect(await db().auditLog.count({ where: { actorId: mod.id } }), action).toBe(before + 1);
      expect(rows[0]!.action).toBe(action);
      if (target.post) expect(rows[0]!.targetPostId).toBe(target.post);
      if (target.user) expect(rows[0]!.targetUserId).toBe(target.user);
      if ("reason" in request && request.reason) expect(rows[0]!.reason).toBe(request.reason);
    }
    // state machine: a removed post stays removed
    await expectAppError(
      moderate({ actor: mod, request: { action: "unhide", postId: reply.post.id } }),
      "CONFLICT",
    );
    const filtered = await listAudit({ actor: mod, action: "thread.lock", moderatorId: mod.id, page: 1 });
    expect(filtered.entries.map((e) => e.action)).toEqual(["thread.lock"]);
    expect(filtered.entries[0]!.targetPost!.threadTitle).toBe(t.thread.title);
    // the UTC days from before the first step to now (computed here: the steps may cross midnight)
    const to = new Date().toISOString().slice(0, 10);
    expect((await listAudit({ actor: mod, moderatorId: mod.id, from: firstDay, to, page: 1 })).total).toBe(steps.length);
    expect((await listAudit({ actor: mod, moderatorId: mod.id, to: "2000-01-01", page: 1 })).total).toBe(0);
  });

  it("when the audit row cannot be written, no moderation action and no admin change happens", async () => {
    const { author, mod, reporters, t, reply } = await setup();
    // Actors whose audit rows the database refuses; `mod` and `admin` set up each action's starting state.
    const [failingMod, admin, failingAdmin, learner] = await Promise.all([
      newUser("MODERATOR"),
      newUser("ADMIN"),
      newUser("ADMIN"),
      newUser(),
    ]);
    const prisma = db();
    const trigger = `lnv_test_fail_audit_${unique()}`;
    await prisma.$executeRawUnsafe(`CREATE FUNCTION ${trigger}() RETURNS trigger AS $$
      BEGIN
        IF NEW.actor_id IN ('${failingMod.id}', '${failingAdmin.id}') THEN RAISE EXCEPTION 'audit refused by ${trigger}'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await prisma.$executeRawUnsafe(`CREATE TRIGGER ${trigger} BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);

    /** Everything any of the actions below could change. */
    const state = async () => ({
      post: await prisma.post.findUniqueOrThrow({ where: { id: reply.post.id }, select: { status: true } }),
      reports: await prisma.report.findMany({ where: { postId: reply.post.id }, select: { id: true, status: true } }),
      thread: await prisma.thread.findUniqueOrThrow({ where: { id: t.thread.id }, select: { locked: true, pinned: true, status: true } }),
      users: await prisma.user.findMany({
        where: { id: { in: [author.id, learner.id] } },
        select: { id: true, role: true, silencedUntil: true, bannedAt: true, banReason: true, tokenVersion: true },
        orderBy: { id: "asc" },
      }),
    });
    const attempted = new Set<string>();
    /** The attempt fails because of the audit row (not a conflict or a permission), and changes nothing. */
    async function refused(label: string, attempt: () => Promise<unknown>) {
      attempted.add(label);
      const before = await state();
      const error = await attempt().then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(error, `${label} went through`).not.toBeNull();
      expect(error!.message, label).toContain(`audit refused by ${trigger}`);
      expect(await state(), label).toEqual(before);
    }
    const failing = (request: TModActionRequest) => refused(request.action, () => moderate({ actor: failingMod, request }));
    const ok = (request: TModActionRequest) => moderate({ actor: mod, request });

    try {
      await reportPost({ actor: await loadActor(reporters[0]!.id), postId: reply.post.id, reason: "SPAM" });
      await failing({ action: "dismiss", postId: reply.post.id, reason: "fine" });
      await failing({ action: "hide", postId: reply.post.id, reason: "rude" });
      await failing({ action: "remove", postId: reply.post.id, reason: "spam" });
      await ok({ action: "hide", postId: reply.post.id });
      await failing({ action: "unhide", postId: reply.post.id });

      await failing({ action: "lock", threadId: t.thread.id });
      await failing({ action: "pin", threadId: t.thread.id });
      await ok({ action: "lock", threadId: t.thread.id });
      await ok({ action: "pin", threadId: t.thread.id });
      await failing({ action: "unlock", threadId: t.thread.id });
      await failing({ action: "unpin", threadId: t.thread.id });

      await failing({ action: "silence", userId: author.id, days: 3, reason: "cool off" });
      await ok({ action: "silence", userId: author.id, days: 3, reason: "cool off" });
      await failing({ action: "unsilence", userId: author.id });
      await failing({ action: "ban", userId: author.id, reason: "spam" });
      await refused("admin ban", () => banUser({ actor: failingAdmin, userId: author.id, reason: "spam" }));
      await ok({ action: "ban", userId: author.id, reason: "spam" });
      await failing({ action: "unban", userId: author.id });
      await refused("admin unban", () => unbanUser({ actor: failingAdmin, userId: author.id }));

      await refused("admin role change", () => setUserRole({ actor: failingAdmin, userId: learner.id, role: "MODERATOR" }));
      // the admin path works for an admin whose audit rows are written
      expect((await setUserRole({ actor: admin, userId: learner.id, role: "MODERATOR" })).role).toBe("MODERATOR");

      expect([...attempted].sort()).toEqual(
        [...POST_ACTIONS, ...THREAD_ACTIONS, ...USER_ACTIONS, "admin ban", "admin role change", "admin unban"].sort(),
      );
      expect(await prisma.auditLog.count({ where: { actorId: { in: [failingMod.id, failingAdmin.id] } } })).toBe(0);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER ${trigger} ON audit_log`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
  });

  it("learners cannot moderate; moderators cannot silence or ban staff", async () => {
    const { author, mod, reply } = await setup();
    const [learner, admin] = await Promise.all([newUser(), newUser("ADMIN")]);
    await expectAppError(
      moderate({ actor: learner, request: { action: "hide", postId: reply.post.id } }),
      "FORBIDDEN",
    );
    await expectAppError(
      moderate({ actor: mod, request: { action: "silence", userId: admin.id, days: 1, reason: "nope" } }),
      "FORBIDDEN",
    );
    await expectAppError(
      moderate({ actor: mod, request: { action: "ban", userId: admin.id, reason: "nope" } }),
      "FORBIDDEN",
    );
    await expectAppError(
      moderate({ actor: mod, request: { action: "unsilence", userId: author.id } }),
      "CONFLICT",
    );
    await expectAppError(
      moderate({ actor: mod, request: { action: "lock", threadId: "00000000-0000-4000-8000-000000000000" } }),
      "NOT_FOUND",
    );
    await expectAppError(listAudit({ actor: learner, page: 1 }), "FORBIDDEN");
  });
});

describe("notifications", () => {
  it("tells thread and post authors about replies, and marks one or all read", async () => {
    const [owner, replier, third] = await Promise.all([newUser(), newUser(), newUser()]);
    const t = await thread(owner.id);
    const r1 = await createReply({ actor: await loadActor(replier.id), threadId: t.thread.id, body: "replying to the owner" });
    await createReply({ actor: await loadActor(owner.id), threadId: t.thread.id, parentId: r1.post.id, body: "owner answers" });
    await createReply({ actor: await loadActor(third.id), threadId: t.thread.id, parentId: r1.post.id, body: "third joins in" });
    const forOwner = await listNotifications({ userId: owner.id, page: 1 });
    expect(forOwner.unread).toBe(2);
    expect(forOwner.notifications.map((n) => n.excerpt)).toEqual(["third joins in", "replying to the owner"]);
    expect(forOwner.notifications[0]!.href).toBe(
      `${lessons[0]!.versions.length ? "/tracks/sql/" + lessons[0]!.folder : ""}#thread-${t.thread.id}`,
    );
    expect((await listNotifications({ userId: replier.id, page: 1 })).unread).toBe(2);
    expect((await listNotifications({ userId: third.id, page: 1 })).unread).toBe(0);

    const one = await markNotificationsRead({ userId: owner.id, ids: [forOwner.notifications[0]!.id] });
    expect(one).toEqual({ marked: 1, unread: 1 });
    // someone else's notification ids do nothing
    expect((await markNotificationsRead({ userId: third.id, ids: [forOwner.notifications[1]!.id] })).marked).toBe(0);
    expect(await markNotificationsRead({ userId: owner.id, all: true })).toEqual({ marked: 1, unread: 0 });

    const hiddenReply = await createReply({ actor: await loadActor(third.id), threadId: t.thread.id, body: "this one gets hidden" });
    expect((await listNotifications({ userId: owner.id, page: 1 })).unread).toBe(1);
    const mod = await newUser("MODERATOR");
    await moderate({ actor: mod, request: { action: "hide", postId: hiddenReply.post.id } });
    expect((await listNotifications({ userId: owner.id, page: 1 })).unread).toBe(0);
  });
});

describe("data export", () => {
  it("includes the user's threads, posts, votes, reports and notifications", async () => {
    const [user, other] = await Promise.all([newUser(), newUser()]);
    const t = await thread(user.id);
    const theirs = await thread(other.id);
    await createReply({ actor: await loadActor(other.id), threadId: t.thread.id, body: "hello there" });
    await votePost({ actor: await loadActor(user.id), postId: theirs.post.id });
    await reportPost({ actor: await loadActor(user.id), postId: theirs.post.id, reason: "SPOILER" });
    const data = await exportDiscussion(user.id);
    expect(data.threads.map((x) => x.id)).toEqual([t.thread.id]);
    expect(data.posts.map((x) => x.id)).toEqual([t.post.id]);
    expect(data.votes.map((x) => x.postId)).toEqual([theirs.post.id]);
    expect(data.reports.map((x) => x.reason)).toEqual(["SPOILER"]);
    expect(data.notifications).toHaveLength(1);
  });
});
