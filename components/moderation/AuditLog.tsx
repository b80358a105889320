"use client";

import { useCallback, useId, useState, type FormEvent } from "react";
import type { TApiResult } from "@/lib/client/api";
import { formatWhen } from "@/components/discussion/client";
import type { TAuditPage } from "@/lib/schemas/discussion-views";
import { ModStateMessage, type TModState } from "./ModeratorsOnly";
import { buttonClass } from "@/components/ui/tokens";
import { Pager } from "@/components/ui/Pager";
import { useApiGet } from "@/lib/client/useApiGet";
import { TableHead } from "@/components/ui/TableHead";

type TAudit = TAuditPage;
type TFilters = { action: string; actorId: string; from: string; to: string };
type TState = TModState<{ audit: TAudit }>;

const EMPTY: TFilters = { action: "", actorId: "", from: "", to: "" };
const fieldClass =
  "mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500";

function describe(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${d.from} → ${d.to}`);
  if (typeof d.days === "number") parts.push(`${d.days} days`);
  if (typeof d.until === "string") parts.push(`until ${formatWhen(d.until)}`);
  if (typeof d.reportsResolved === "number" && d.reportsResolved > 0)
    parts.push(`${d.reportsResolved} reports resolved`);
  if (typeof d.openReports === "number") parts.push(`${d.openReports} open reports`);
  return parts.join(", ");
}

/** Who acted: a person, the system (auto-hide), the user CLI, or an account deleted since. */
function actorLabel(entry: { action: string; actor: { name: string } | null; details: unknown }): string {
  if (entry.actor) return entry.actor.name;
  if (entry.action === "post.auto_hide") return "System (reports)";
  if ((entry.details as { via?: unknown } | null)?.via === "cli") return "Command line";
  return "[deleted account]";
}

/** The audit log with filters by action, moderator and date (moderators and admins). */
export function AuditLog() {
  const id = useId();
  const [state, setState] = useState<TState>({ status: "loading" });
  const [draft, setDraft] = useState<TFilters>(EMPTY);
  const [filters, setFilters] = useState<TFilters>(EMPTY);
  const [page, setPage] = useState(1);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const query = new URLSearchParams({ ...filters, page: String(page) }).toString();

  const apply = useCallback((res: TApiResult<TAudit>) => {
    setFieldErrors({});
    if (res.ok) setState({ status: "ready", audit: res.data });
    else if (res.error.status === 401 || res.error.status === 403)
      setState({ status: "denied", signedIn: res.error.status === 403 });
    else if (res.error.status === 400) setFieldErrors(res.error.fields);
    else setState({ status: "error", message: res.error.message });
  }, []);

  useApiGet(`/api/v1/mod/audit?${query}`, apply);

  if (state.status !== "ready")
    return <ModStateMessage state={state} loading="Loading the audit log…" next="/mod/audit" />;

  const { audit } = state;
  function submit(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setFilters(draft);
  }
  const set = (key: keyof TFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const dayField = (key: "from" | "to", label: string) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="block text-sm font-medium">
        {label} (UTC day)
      </label>
      <input
        id={`${id}-${key}`}
        type="date"
        value={draft[key]}
        onChange={set(key)}
        aria-describedby={fieldErrors[key] ? `${id}-${key}-error` : undefined}
        className={fieldClass}
      />
      {fieldErrors[key] ? (
        <p id={`${id}-${key}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
          {fieldErrors[key]?.[0]}
        </p>
      ) : null}
    </div>
  );

  return (
    <div className="mt-6">
      <form
        onSubmit={submit}
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-xl border border-[var(--border)] bg-[var(--bg-soft)] p-4 sm:grid-cols-5 sm:items-end"
      >
        <div>
          <label htmlFor={`${id}-action`} className="block text-sm font-medium">
            Action
          </label>
          <select id={`${id}-action`} value={draft.action} onChange={set("action")} className={fieldClass}>
            <option value="">All actions</option>
            {audit.filters.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-actor`} className="block text-sm font-medium">
            Moderator
          </label>
          <select id={`${id}-actor`} value={draft.actorId} onChange={set("actorId")} className={fieldClass}>
            <option value="">Anyone</option>
            {audit.filters.moderators.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        {dayField("from", "From")}
        {dayField("to", "To")}
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary", "sm")}>
            Apply
          </button>
          <button
            type="button"
            className={buttonClass("secondary", "xs")}
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
              setPage(1);
            }}
          >
            Clear
          </button>
        </div>
      </form>

      <p role="status" className="mt-3 text-sm text-[var(--fg-muted)]">
        {audit.total} {audit.total === 1 ? "entry" : "entries"}
      </p>
      <div className="mt-2 overflow-x-auto" role="region" aria-label="Audit entries" tabIndex={0}>
        <table className="w-full border-collapse text-left text-sm">
          <TableHead
            columns={["When", "Moderator", "Action", "Target", "Reason and details"]}
            rowClassName="border-b border-[var(--border)]"
            cellClassName="py-2 pr-3"
          />
          <tbody>
            {audit.entries.map((e) => (
              <tr key={e.id} className="border-b border-[var(--border)] align-top">
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={e.createdAt}>{formatWhen(e.createdAt)}</time>
                </td>
                <td className="py-2 pr-3">{actorLabel(e)}</td>
                <td className="py-2 pr-3 font-mono text-xs">{e.action}</td>
                <td className="py-2 pr-3">
                  {e.targetUser ? <span className="block">User: {e.targetUser.name}</span> : null}
                  {e.targetPost ? (
                    <span className="block">
                      Post
                      {e.targetPost.threadTitle ? (
                        <>
                          {" in "}
                          {e.targetPost.lessonPath ? (
                            <a
                              href={`${e.targetPost.lessonPath}#thread-${e.targetPost.threadId}`}
                              className="text-brand-700 underline dark:text-brand-300"
                            >
                              {e.targetPost.threadTitle}
                            </a>
                          ) : (
                            e.targetPost.threadTitle
                          )}
                        </>
                      ) : null}
                      {e.targetPost.excerpt ? (
                        <span className="block text-[var(--fg-muted)]">“{e.targetPost.excerpt}”</span>
                      ) : null}
                    </span>
                  ) : null}
                </td>
                <td className="py-2 pr-3">
                  {e.reason ? <span className="block">{e.reason}</span> : null}
                  <span className="block text-[var(--fg-muted)]">{describe(e.details)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager label="Audit pages" page={audit.page} pages={audit.pages} requested={page} onPage={setPage} previous="Newer" next="Older" className="mt-4" />
    </div>
  );
}
