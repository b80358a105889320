"use client";

import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { buttonClass } from "@/components/ui/tokens";

type Provider = { id: string; name: string };

/**
 * "Continue with GitHub" when the server has OAuth providers configured. Auth.js expects a form
 * POST with its CSRF token to /api/auth/signin/<provider>.
 */
export function OAuthButtons({ next }: { next: string }) {
  const [providers, setProviders] = useState<Provider[]>([]);

  useEffect(() => {
    apiFetch<{ providers: Provider[] }>("/api/v1/auth/providers").then((res) => setProviders(res.ok ? res.data.providers : []));
  }, []);

  async function start(provider: Provider) {
    const csrf = await apiFetch<{ csrfToken: string }>("/api/auth/csrf");
    if (!csrf.ok) return;
    const { csrfToken } = csrf.data;
    const form = document.createElement("form");
    form.method = "post";
    form.action = `/api/auth/signin/${provider.id}`;
    for (const [name, value] of Object.entries({ csrfToken, callbackUrl: next })) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }

  if (providers.length === 0) return null;
  return (
    <div className="mt-6 border-t border-[var(--border)] pt-6">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          onClick={() => void start(p)}
          className={`w-full ${buttonClass()}`}
        >
          Continue with {p.name}
        </button>
      ))}
    </div>
  );
}
