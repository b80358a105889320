import { describe, expectTypeOf, it } from "vitest";
import type { getThread, listThreads } from "@/lib/db/discussion/threads";
import type { listAudit } from "@/lib/db/moderation/audit-log";
import type { listReportQueue } from "@/lib/db/moderation/queue";
import type { TAuditPage, TPostView, TReportQueue, TThreadSummary, TViewerInfo } from "./discussion-views";

type Returned<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/**
 * The browser's view types are written out by hand (components may not import lib/db); these checks,
 * run by `tsc --noEmit`, fail when what lib/db returns stops fitting them.
 */
describe("discussion view types", () => {
  it("fit what the data layer returns", () => {
    expectTypeOf<Returned<typeof listThreads>["threads"][number]>().toEqualTypeOf<TThreadSummary>();
    expectTypeOf<Returned<typeof listThreads>["viewer"]>().toEqualTypeOf<TViewerInfo>();
    expectTypeOf<Returned<typeof getThread>["post"]>().toEqualTypeOf<TPostView>();
    expectTypeOf<Returned<typeof listReportQueue>>().toExtend<TReportQueue>();
    expectTypeOf<Returned<typeof listAudit>>().toExtend<TAuditPage>();
  });
});
