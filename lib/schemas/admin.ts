import { z } from "zod";
import { contracts } from "@/lib/http/contract";
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

const admin = contracts("Admin", "admin");
const noUser = { 404: "No such user" };

export const adminApi = {
  users: admin.get("/api/v1/admin/users", "Search users by email or name, newest first", { query: ZUserListQuery, response: ZUserList }),
  setRole: admin.patch("/api/v1/admin/users/{id}", "Grant or revoke a role (not one's own)",
    { params: ZUserIdParams, body: ZSetRoleRequest, response: ZUserResponse, errors: noUser }),
  ban: admin.post("/api/v1/admin/users/{id}/ban", "Ban a user: every session ends and sign-in is refused",
    { auth: "moderator", params: ZUserIdParams, body: ZBanRequest, response: ZUserResponse, errors: noUser }),
  unban: admin.delete("/api/v1/admin/users/{id}/ban", "Lift a ban",
    { auth: "moderator", params: ZUserIdParams, response: ZUserResponse, errors: noUser }),
};
