import { z } from "zod";
import { endpoint } from "@/lib/http/contract";
import { ZBanRequest, ZPublicUser, ZSetRoleRequest, ZUserIdParams, ZUserListQuery } from "./auth";

/** Staff managing accounts: roles (admins) and bans (moderators and admins), each audited (docs/API.md). */

export const ZUserList = z.object({
  users: z.array(ZPublicUser.extend({ banReason: z.string().nullable() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
});
export const ZUserResponse = z.object({ user: ZPublicUser });

const admin = { tag: "Admin" } as const;
const noUser = [{ status: 404, description: "No such user" }];

export const adminApi = {
  users: endpoint({
    ...admin,
    auth: "admin",
    method: "GET",
    path: "/api/v1/admin/users",
    summary: "Search users by email or name, newest first",
    query: ZUserListQuery,
    response: ZUserList,
  }),
  setRole: endpoint({
    ...admin,
    auth: "admin",
    method: "PATCH",
    path: "/api/v1/admin/users/{id}",
    summary: "Grant or revoke a role (not one's own)",
    params: ZUserIdParams,
    body: ZSetRoleRequest,
    response: ZUserResponse,
    errors: noUser,
  }),
  ban: endpoint({
    ...admin,
    auth: "moderator",
    method: "POST",
    path: "/api/v1/admin/users/{id}/ban",
    summary: "Ban a user: every session ends and sign-in is refused",
    params: ZUserIdParams,
    body: ZBanRequest,
    response: ZUserResponse,
    errors: noUser,
  }),
  unban: endpoint({
    ...admin,
    auth: "moderator",
    method: "DELETE",
    path: "/api/v1/admin/users/{id}/ban",
    summary: "Lift a ban",
    params: ZUserIdParams,
    response: ZUserResponse,
    errors: noUser,
  }),
};
