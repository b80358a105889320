import { describe, expect, it } from "vitest";
import {
  DUPLICATE_WINDOW_MS,
  MAX_REPLY_DEPTH,
  NEW_ACCOUNT_DAILY_REPLIES,
  NEW_ACCOUNT_DAILY_THREADS,
  NEW_ACCOUNT_MS,
  buildReplyTree,
  cleanBody,
  cleanTitle,
  countTree,
  excerpt,
  formatUntil,
  normalizeForDuplicate,
  paginate,
  placeReply,
  postingRefusal,
  standingRefusal,
  type TPostingContext,
  type TPostStatus,
} from "./discussion";

describe("text clean-up", () => {
  it("removes control characters (PostgreSQL refuses NUL), keeps tabs and newlines, trims", () => {
    expect(cleanBody("  a\u0000b\u0007c\td\r\ne\u007f  ")).toBe("abc\td\ne");
    expect(cleanBody("\ud800 lone surrogate")).toBe("\ufffd lone surrogate");
  });

  it("titles are one line", () => {
    expect(cleanTitle("  Why   does\n\tthis\u0000 lock?  ")).toBe("Why does this lock?");
  });

  it("duplicates ignore case, width and spacing", () => {
    expect(normalizeForDuplicate("Hello   World\n")).toBe(normalizeForDuplicate("hello world"));
    expect(normalizeForDuplicate("ＨＥＬＬＯ")).toBe("hello");
    expect(normalizeForDuplicate("hello world")).not.toBe(normalizeForDuplicate("hello, world"));
  });

  it("excerpts markdown as short plain text", () => {
    expect(excerpt("## Title\n\nSome **bold** [link](https://x.example) and `code`")).toBe(
      "Title Some bold link and code",
    );
    expect(excerpt("x".repeat(300), 20)).toHaveLength(20);
  });
});

describe("placeReply", () => {
  it("nests one level deeper, up to depth 3, then continues beside the deepest post", () => {
    expect(placeReply({ id: "op", parentId: null, depth: 0 })).toEqual({ parentId: "op", depth: 1 });
    expect(placeReply({ id: "r2", parentId: "r1", depth: 2 })).toEqual({ parentId: "r2", depth: 3 });
    expect(placeReply({ id: "r3", parentId: "r2", depth: MAX_REPLY_DEPTH })).toEqual({ parentId: "r2", depth: 3 });
  });
});

describe("buildReplyTree", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const post = (id: string, parentId: string | null, s: number, helpfulCount = 0, status: TPostStatus = "VISIBLE") => ({
    id,
    parentId,
    createdAt: at(s),
    helpfulCount,
    status,
  });
  const posts = [
    post("op", null, 0),
    post("a", "op", 1, 5),
    post("b", "op", 2, 1),
    post("c", "op", 3, 0, "HIDDEN"),
    post("a2", "a", 5),
    post("a1", "a", 4),
    post("c1", "c", 6),
    post("a1x", "a1", 7, 0, "REMOVED"),
  ];

  it("sorts top-level replies by newest or most helpful, nested ones oldest first", () => {
    const newest = buildReplyTree(posts, { rootId: "op", includeHidden: true, sort: "newest" });
    expect(newest.map((p) => p.id)).toEqual(["c", "b", "a"]);
    expect(newest[2]!.replies.map((p) => p.id)).toEqual(["a1", "a2"]);
    const helpful = buildReplyTree(posts, { rootId: "op", includeHidden: true, sort: "helpful" });
    expect(helpful.map((p) => p.id)).toEqual(["a", "b", "c"]);
  });

  it("leaves hidden and removed posts out, with everything under them, unless asked to include them", () => {
    const publicTree = buildReplyTree(posts, { rootId: "op", includeHidden: false, sort: "newest" });
    expect(JSON.stringify(publicTree)).not.toMatch(/"c"|"c1"|"a1x"/);
    expect(countTree(publicTree)).toBe(4);
    expect(countTree(buildReplyTree(posts, { rootId: "op", includeHidden: true, sort: "newest" }))).toBe(7);
  });

  it("pages", () => {
    expect(paginate([1, 2, 3, 4, 5], 2, 2)).toEqual({ items: [3, 4], page: 2, pageSize: 2, pages: 3, total: 5 });
    expect(paginate([], 1, 20)).toEqual({ items: [], page: 1, pageSize: 20, pages: 1, total: 0 });
  });
});

describe("postingRefusal", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const old = new Date("2026-01-01T00:00:00Z");
  const base: TPostingContext = {
    now,
    kind: "thread",
    author: { role: "LEARNER", createdAt: old, bannedAt: null, silencedUntil: null },
    duplicateAt: null,
    last24h: { threads: 0, replies: 0 },
    limitsOn: true,
  };

  it("allows an ordinary post", () => {
    expect(postingRefusal(base)).toBeNull();
  });

  it("refuses banned and silenced authors with 403 and says until when", () => {
    expect(postingRefusal({ ...base, author: { ...base.author, bannedAt: old } })?.code).toBe("FORBIDDEN");
    const until = new Date("2026-06-03T09:30:00Z");
    const silenced = postingRefusal({ ...base, author: { ...base.author, silencedUntil: until } });
    expect(silenced).toEqual({ code: "FORBIDDEN", message: "You are silenced until June 3, 2026, 09:30 UTC." });
    expect(
      postingRefusal({ ...base, author: { ...base.author, silencedUntil: new Date(now.getTime() - 1) } }),
    ).toBeNull();
    expect(standingRefusal({ bannedAt: null, silencedUntil: null }, now)).toBeNull();
    expect(formatUntil(until)).toBe("June 3, 2026, 09:30 UTC");
  });

  it("refuses the same text within 5 minutes, even with limits off", () => {
    const recent = new Date(now.getTime() - DUPLICATE_WINDOW_MS + 1000);
    expect(postingRefusal({ ...base, duplicateAt: recent })?.code).toBe("CONFLICT");
    expect(postingRefusal({ ...base, duplicateAt: recent, limitsOn: false })?.code).toBe("CONFLICT");
    expect(postingRefusal({ ...base, duplicateAt: new Date(now.getTime() - DUPLICATE_WINDOW_MS - 1) })).toBeNull();
  });

  it("caps accounts younger than 24 hours at 3 threads and 10 replies, with a retry time", () => {
    const young = { ...base.author, createdAt: new Date(now.getTime() - 60 * 60 * 1000) };
    const thread = postingRefusal({
      ...base,
      author: young,
      last24h: { threads: NEW_ACCOUNT_DAILY_THREADS, replies: 0 },
    });
    expect(thread?.code).toBe("RATE_LIMITED");
    expect(thread?.message).toMatch(/3 threads/);
    expect(thread?.retryAfterSeconds).toBe((NEW_ACCOUNT_MS - 60 * 60 * 1000) / 1000);
    expect(postingRefusal({ ...base, author: young, last24h: { threads: 2, replies: 0 } })).toBeNull();
    const reply = { ...base, kind: "reply" as const, author: young };
    expect(postingRefusal({ ...reply, last24h: { threads: 3, replies: NEW_ACCOUNT_DAILY_REPLIES - 1 } })).toBeNull();
    expect(postingRefusal({ ...reply, last24h: { threads: 0, replies: NEW_ACCOUNT_DAILY_REPLIES } })?.message).toMatch(
      /10 replies/,
    );
  });

  it("does not cap older accounts, staff, or anyone when limits are off", () => {
    const busy = { threads: 50, replies: 50 };
    expect(postingRefusal({ ...base, last24h: busy })).toBeNull();
    const youngMod = { ...base.author, role: "MODERATOR" as const, createdAt: now };
    expect(postingRefusal({ ...base, author: youngMod, last24h: busy })).toBeNull();
    expect(
      postingRefusal({ ...base, author: { ...base.author, createdAt: now }, last24h: busy, limitsOn: false }),
    ).toBeNull();
  });
});
