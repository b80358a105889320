"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { ROLE_LABELS, formatDay, type TMe, type TRole } from "@/components/auth/api";
import { apiFetch, type TApiFailure } from "@/lib/client/api";
import { Field } from "@/components/auth/Field";
import { FormAlert } from "@/components/auth/FormParts";
import { useQueryParam } from "@/components/auth/useQueryParam";
import { buttonClass, textLinkClass } from "@/components/ui/tokens";
import { TableHead } from "@/components/ui/TableHead";

/** One row of `GET /api/v1/admin/users` (dates as ISO strings). */
type TAdminUser = {
  id: string;
  name: string;
  email: string;
  role: TRole;
  createdAt: string;
  bannedAt: string | null;
  silencedUntil: string | null;
};
type TUserList = { users: TAdminUser[]; total: number; page: number; pageSize: number; pages: number };
type Query = { q: string; page: number };
type Loaded = { key: string; fetchedAt: number } & ({ ok: true; data: TUserList } | { ok: false; error: TApiFailure });
type RowMessage = { kind: "pending" | "saved" | "error"; text: string };

const ROLES: TRole[] = ["LEARNER", "MODERATOR", "ADMIN"];

const keyOf = (query: Query) => `${query.q}\n${query.page}`;

function pageFrom(raw: string | null): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

const messageClass: Record<RowMessage["kind"], string> = {
  pending: "text-[var(--fg-muted)]",
  saved: "text-green-800 dark:text-green-300",
  error: "text-red-700 dark:text-red-300",
};

const smallButton =
  "rounded-md px-2.5 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500 disabled:opacity-70";

/** Admin user list: search, paging, role changes and bans, all through the JSON API. */
export function UserAdmin() {
  const urlQ = useQueryParam("q");
  const urlPage = useQueryParam("page");
  const [chosen, setChosen] = useState<Query | null>(null);
  // Until the admin searches or pages, the address decides (null while the static HTML hydrates).
  const query: Query | null = chosen ?? (urlQ === null ? null : { q: urlQ.trim(), page: pageFrom(urlPage) });
  const [draft, setDraft] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [me, setMe] = useState<TMe | null>(null);
  const [roleMsg, setRoleMsg] = useState<Record<string, RowMessage & { role?: TRole }>>({});
  const [banMsg, setBanMsg] = useState<Record<string, RowMessage>>({});
  const [banning, setBanning] = useState<{ id: string; reason: string; errors?: string[]; pending: boolean } | null>(
    null,
  );
  const focusAfterRender = useRef<string | null>(null);

  const q = query?.q;
  const page = query?.page;
  useEffect(() => {
    if (q === undefined || page === undefined) return;
    let live = true;
    const params = new URLSearchParams({ q, page: String(page) });
    const key = keyOf({ q, page });
    apiFetch<TUserList>(`/api/v1/admin/users?${params}`).then((res) => {
      if (!live) return;
      const fetchedAt = Date.now();
      setLoaded(
        res.ok ? { key, fetchedAt, ok: true, data: res.data } : { key, fetchedAt, ok: false, error: res.error },
      );
    });
    return () => {
      live = false;
    };
  }, [q, page]);

  // Who is looking: their own row gets no role select or ban button (the server refuses both).
  useEffect(() => {
    apiFetch<{ user: TMe | null }>("/api/v1/me").then((res) => {
      if (res.ok) setMe(res.data.user);
    });
  }, []);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  function go(next: Query) {
    setChosen(next);
    const params = new URLSearchParams();
    if (next.q) params.set("q", next.q);
    if (next.page > 1) params.set("page", String(next.page));
    const search = params.toString();
    window.history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
  }

  function replaceUser(user: TAdminUser) {
    setLoaded((l) =>
      l && l.ok ? { ...l, data: { ...l.data, users: l.data.users.map((u) => (u.id === user.id ? user : u)) } } : l,
    );
  }

  async function changeRole(user: TAdminUser, role: TRole) {
    setRoleMsg((m) => ({ ...m, [user.id]: { kind: "pending", text: "Saving…", role } }));
    const res = await apiFetch<{ user: TAdminUser }>(`/api/v1/admin/users/${user.id}`, {
      method: "PATCH",
      body: { role },
    });
    if (res.ok) {
      replaceUser(res.data.user);
      setRoleMsg((m) => ({ ...m, [user.id]: { kind: "saved", text: "Saved" } }));
    } else {
      setRoleMsg((m) => ({ ...m, [user.id]: { kind: "error", text: res.error.message } }));
    }
  }

  function openBan(user: TAdminUser) {
    setBanMsg(({ [user.id]: _cleared, ...rest }) => rest);
    setBanning({ id: user.id, reason: "", pending: false });
    focusAfterRender.current = `ban-reason-${user.id}`;
  }

  function cancelBan(id: string) {
    setBanning(null);
    focusAfterRender.current = `ban-toggle-${id}`;
  }

  async function submitBan(event: FormEvent, user: TAdminUser) {
    event.preventDefault();
    if (!banning || banning.pending) return;
    setBanning({ ...banning, pending: true, errors: undefined });
    const res = await apiFetch<{ user: TAdminUser }>(`/api/v1/admin/users/${user.id}/ban`, {
      method: "POST",
      body: { reason: banning.reason },
    });
    if (res.ok) {
      replaceUser(res.data.user);
      setBanning(null);
      setBanMsg((m) => ({ ...m, [user.id]: { kind: "saved", text: `${user.name} is banned and signed out.` } }));
      focusAfterRender.current = `ban-toggle-${user.id}`;
      return;
    }
    const errors = res.error.fields.reason ?? [res.error.message];
    setBanning({ id: user.id, reason: banning.reason, pending: false, errors });
    focusAfterRender.current = `ban-reason-${user.id}`;
  }

  async function unban(user: TAdminUser) {
    setBanMsg((m) => ({ ...m, [user.id]: { kind: "pending", text: "Unbanning…" } }));
    const res = await apiFetch<{ user: TAdminUser }>(`/api/v1/admin/users/${user.id}/ban`, { method: "DELETE" });
    if (res.ok) {
      replaceUser(res.data.user);
      setBanMsg((m) => ({ ...m, [user.id]: { kind: "saved", text: `${user.name} can sign in again.` } }));
    } else {
      setBanMsg((m) => ({ ...m, [user.id]: { kind: "error", text: res.error.message } }));
    }
  }

  const busy = !loaded || !query || loaded.key !== keyOf(query);

  if (loaded && !loaded.ok && loaded.error.status === 401) {
    return (
      <div className="mt-6 rounded-xl border border-[var(--border)] p-6">
        <h2 className="text-xl font-bold">Sign in to manage users</h2>
        <p className="mt-2 text-[var(--fg-muted)]">
          This page is for administrators. Sign in with an admin account to continue.
        </p>
        <Link href="/login?next=%2Fadmin%2Fusers" className={`${buttonClass("primary")} mt-4`}>
          Sign in
        </Link>
      </div>
    );
  }

  if (loaded && !loaded.ok && loaded.error.status === 403) {
    return (
      <div className="mt-6 rounded-xl border border-[var(--border)] p-6">
        <h2 className="text-xl font-bold">Admins only</h2>
        <p className="mt-2 text-[var(--fg-muted)]">
          Your account does not have the admin role, so it cannot manage users.
        </p>
        <p className="mt-4">
          <Link href="/" className={textLinkClass}>
            Back to the tracks
          </Link>
        </p>
      </div>
    );
  }

  const search = draft ?? query?.q ?? "";
  const list = loaded?.ok ? loaded.data : null;

  return (
    <div className="mt-6">
      <form
        role="search"
        aria-label="Users"
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: search.trim(), page: 1 });
        }}
      >
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="user-search" className="block text-sm font-medium">
            Search users
          </label>
          <input
            id="user-search"
            type="search"
            value={search}
            maxLength={100}
            placeholder="Name or email"
            onChange={(e) => setDraft(e.target.value)}
            className="mt-1 block w-full rounded-md border border-[var(--border)] bg-[var(--bg)] px-3 py-2 placeholder:text-[var(--fg-muted)] focus-visible:outline-2 focus-visible:outline-brand-500"
          />
        </div>
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
      </form>

      <div className="mt-4">
        <FormAlert message={loaded && !loaded.ok ? loaded.error.message : null} />
      </div>

      <div aria-busy={busy} className="mt-4">
        {!list ? (
          busy ? (
            <p role="status" className="text-[var(--fg-muted)]">
              Loading users…
            </p>
          ) : null
        ) : list.users.length === 0 ? (
          <p role="status" className="rounded-xl border border-[var(--border)] p-6 text-center">
            No users match{query?.q ? ` “${query.q}”` : ""}.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-[var(--border)]">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="px-3 py-2 text-left text-[var(--fg-muted)]">
                {list.total === 1 ? "1 user" : `${list.total} users`}
                {query?.q ? ` matching “${query.q}”` : ""}, newest first
              </caption>
              <TableHead
                columns={["Name", "Email", "Role", "Joined", "Status"]}
                className="bg-[var(--bg-soft)]"
                cellClassName="border-y border-[var(--border)] px-3 py-2 font-semibold"
              />
              <tbody>
                {list.users.map((user) => {
                  const self = me?.id === user.id;
                  const role = roleMsg[user.id];
                  const ban = banMsg[user.id];
                  const banned = Boolean(user.bannedAt);
                  const silenced =
                    !banned && user.silencedUntil && new Date(user.silencedUntil).getTime() > (loaded?.fetchedAt ?? 0);
                  return (
                    <tr key={user.id} className="border-b border-[var(--border)] last:border-b-0 align-top">
                      <th scope="row" className="px-3 py-2 font-medium">
                        <span className="break-words">{user.name}</span>
                        {self ? <span className="font-normal text-[var(--fg-muted)]"> (you)</span> : null}
                      </th>
                      <td className="break-all px-3 py-2">{user.email}</td>
                      <td className="px-3 py-2">
                        <select
                          aria-label={`Role for ${user.name}`}
                          value={role?.kind === "pending" && role.role ? role.role : user.role}
                          disabled={self || role?.kind === "pending"}
                          onChange={(e) => changeRole(user, e.target.value as TRole)}
                          className="rounded-md border border-[var(--border)] bg-[var(--bg)] px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-70"
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                        <p aria-live="polite" className={`mt-1 text-xs ${role ? messageClass[role.kind] : ""}`}>
                          {role?.text}
                        </p>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">{formatDay(user.createdAt)}</td>
                      <td className="px-3 py-2">
                        <p>
                          {banned
                            ? `Banned ${formatDay(user.bannedAt!)}`
                            : silenced
                              ? `Silenced until ${formatDay(user.silencedUntil!)}`
                              : "Active"}
                        </p>
                        {self ? null : banning?.id === user.id ? (
                          <BanForm
                            user={user}
                            reason={banning.reason}
                            errors={banning.errors}
                            pending={banning.pending}
                            onReason={(reason) => setBanning({ ...banning, reason })}
                            onSubmit={(e) => submitBan(e, user)}
                            onCancel={() => cancelBan(user.id)}
                          />
                        ) : (
                          <button
                            id={`ban-toggle-${user.id}`}
                            type="button"
                            disabled={ban?.kind === "pending"}
                            onClick={() => (banned ? unban(user) : openBan(user))}
                            aria-label={`${banned ? "Unban" : "Ban"} ${user.name}`}
                            className={`${smallButton} mt-1 border ${
                              banned
                                ? "border-[var(--border)] hover:bg-[var(--bg-soft)]"
                                : "border-red-700/60 text-red-700 hover:bg-red-50 dark:border-red-300/60 dark:text-red-300 dark:hover:bg-red-950/40"
                            }`}
                          >
                            {banned ? "Unban" : "Ban"}
                          </button>
                        )}
                        <p aria-live="polite" className={`mt-1 text-xs ${ban ? messageClass[ban.kind] : ""}`}>
                          {ban?.text}
                        </p>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>

      {list && list.pages > 1 ? (
        <nav aria-label="Pages of users" className="mt-4 flex items-center justify-between gap-2">
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={busy || list.page <= 1}
            onClick={() => go({ q: query?.q ?? "", page: list.page - 1 })}
          >
            Previous
          </button>
          <p className="text-sm" aria-live="polite">
            Page {list.page} of {list.pages}
          </p>
          <button
            type="button"
            className={buttonClass("secondary")}
            disabled={busy || list.page >= list.pages}
            onClick={() => go({ q: query?.q ?? "", page: list.page + 1 })}
          >
            Next
          </button>
        </nav>
      ) : list ? (
        <p className="mt-4 text-sm text-[var(--fg-muted)]">
          Page {list.page} of {list.pages}
        </p>
      ) : null}
    </div>
  );
}

function BanForm(props: {
  user: TAdminUser;
  reason: string;
  errors: string[] | undefined;
  pending: boolean;
  onReason: (reason: string) => void;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}) {
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onCancel();
    }
  }
  return (
    <form noValidate onSubmit={props.onSubmit} onKeyDown={onKeyDown} className="mt-2 space-y-2">
      <Field
        id={`ban-reason-${props.user.id}`}
        label={`Reason for banning ${props.user.name}`}
        name="reason"
        value={props.reason}
        onChange={props.onReason}
        errors={props.errors}
        inputRef={() => {}}
        maxLength={500}
        autoComplete="off"
        required
      />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={props.pending}
          className={`${smallButton} bg-red-700 text-white hover:bg-red-800`}
        >
          {props.pending ? "Banning…" : "Confirm ban"}
        </button>
        <button
          type="button"
          onClick={props.onCancel}
          className={`${smallButton} border border-[var(--border)] hover:bg-[var(--bg-soft)]`}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
