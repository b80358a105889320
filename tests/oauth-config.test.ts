import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

describe("GitHub sign-in", () => {
  it("is off without its environment variables", async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_GITHUB_ID", "");
    vi.stubEnv("AUTH_GITHUB_SECRET", "");
    vi.stubEnv("SMTP_URL", "");
    const { oauthProviders } = await import("@/lib/auth/config");
    expect(oauthProviders).toEqual([]);
    const { GET } = await import("@/app/api/v1/auth/providers/route");
    const res = await GET(new NextRequest("http://localhost/api/v1/auth/providers"), { params: Promise.resolve({}) });
    // "outbox": no mail service, so the sign-up page says where a local server's mail goes
    expect(await res.json()).toEqual({ providers: [], mail: "outbox" });
  });

  it("is on when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set", async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_GITHUB_ID", "client-id");
    vi.stubEnv("AUTH_GITHUB_SECRET", "client-secret");
    const { oauthProviders } = await import("@/lib/auth/config");
    expect(oauthProviders).toEqual([{ id: "github", name: "GitHub" }]);
    vi.unstubAllEnvs();
  });
});
