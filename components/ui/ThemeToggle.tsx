"use client";

import { useEffect, useState } from "react";
import { THEME_STORAGE_KEY } from "@/lib/theme/script";

const CHOICES = [
  { value: "light", label: "Light", icon: "☀" },
  { value: "dark", label: "Dark", icon: "☾" },
  { value: "system", label: "System", icon: "◐" },
] as const;
type Choice = (typeof CHOICES)[number]["value"];

function apply(choice: Choice) {
  const dark = choice === "dark" || (choice === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = choice;
}

/** Light / dark / system. The head script already applied the stored choice before paint. */
export function ThemeToggle() {
  const [choice, setChoice] = useState<Choice>("system");

  useEffect(() => {
    const stored = document.documentElement.dataset.theme as Choice | undefined;
    // Sync with what the pre-paint script applied (external state, read once on mount).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (stored && stored !== "system") setChoice(stored);
  }, []);

  useEffect(() => {
    if (choice !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => apply("system");
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, [choice]);

  function choose(next: Choice) {
    setChoice(next);
    try {
      localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    apply(next);
  }

  const current = CHOICES.find((c) => c.value === choice)!;
  const next = CHOICES[(CHOICES.indexOf(current) + 1) % CHOICES.length]!;
  return (
    <>
      {/* Phones: one button that cycles light → dark → system, so a signed-in header fits in 360 px. */}
      <button
        type="button"
        aria-label={`Colour theme: ${current.label}. Switch to ${next.label}`}
        title={`${current.label} theme (switch to ${next.label.toLowerCase()})`}
        onClick={() => choose(next.value)}
        className="grid h-8 w-8 shrink-0 place-items-center rounded-md border border-[var(--border)] text-sm leading-none text-[var(--fg)] hover:bg-[var(--bg-soft)] focus-visible:outline-2 focus-visible:outline-brand-500 sm:hidden"
      >
        <span aria-hidden="true">{current.icon}</span>
      </button>
      <div
        role="group"
        aria-label="Colour theme"
        className="hidden rounded-md border border-[var(--border)] p-0.5 sm:flex"
      >
        {CHOICES.map((c) => (
          <button
            key={c.value}
            type="button"
            aria-pressed={choice === c.value}
            title={`${c.label} theme`}
            onClick={() => choose(c.value)}
            className="rounded px-2 py-1 text-sm leading-none text-[var(--fg-muted)] hover:text-[var(--fg)] aria-pressed:bg-[var(--bg-soft)] aria-pressed:font-semibold aria-pressed:text-[var(--fg)] focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <span aria-hidden="true">{c.icon}</span>
            <span className="sr-only">{c.label}</span>
          </button>
        ))}
      </div>
    </>
  );
}
