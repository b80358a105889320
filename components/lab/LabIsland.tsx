"use client";

import { useEffect, useState, type ComponentType } from "react";
import { takeEarlyPress } from "@/lib/lab/early-press";
import type { TLabAppProps, TLabContext, TLabRequest } from "./LabApp";

/**
 * The only lab code in the lesson page's own JavaScript (a few hundred bytes): it listens for the
 * Run / Edit buttons that are in the static HTML (lib/content/markdown.ts), and loads the lab's
 * chunk (LabApp: editor, panels, engine clients) on the first press, or a moment earlier when the
 * pointer or keyboard focus reaches one of them. Before that, the page loads no lab file at all.
 */
type TLabModule = { LabApp: ComponentType<TLabAppProps>; warmUp: (host: HTMLElement) => void };

let loading: Promise<TLabModule> | null = null;
const loadLab = () => (loading ??= import("./LabApp"));

const HOSTS = "[data-lab-block], [data-lab-exercise]";

export function LabIsland(props: TLabContext) {
  const [App, setApp] = useState<ComponentType<TLabAppProps> | null>(null);
  const [requests, setRequests] = useState<TLabRequest[]>([]);

  useEffect(() => {
    const find = (event: Event) => {
      const button = (event.target as Element | null)?.closest?.<HTMLElement>("[data-lab-action]");
      const host = button?.closest<HTMLElement>(HOSTS);
      return button && host ? { button, host } : null;
    };
    const load = () =>
      loadLab().then((m) => {
        setApp(() => m.LabApp);
        return m;
      });
    const press = (button: HTMLElement, host: HTMLElement) => {
      setRequests((r) => [...r, { host, action: button.dataset.labAction!, seq: r.length + 1 }]);
      void load();
    };
    const onClick = (event: MouseEvent) => {
      const hit = find(event);
      if (!hit) return;
      event.preventDefault();
      press(hit.button, hit.host);
    };
    const onNear = (event: Event) => {
      const hit = find(event);
      if (hit) void load().then((m) => m.warmUp(hit.host));
    };
    document.addEventListener("click", onClick);
    document.addEventListener("pointerover", onNear, { passive: true });
    document.addEventListener("focusin", onNear);
    // Run and Edit answer from here on; a press made before was kept by the head script.
    document.documentElement.dataset.labReady = "true";
    const early = takeEarlyPress();
    const earlyHost = early?.closest<HTMLElement>(HOSTS);
    if (early && earlyHost) press(early, earlyHost);
    return () => {
      delete document.documentElement.dataset.labReady;
      document.removeEventListener("click", onClick);
      document.removeEventListener("pointerover", onNear);
      document.removeEventListener("focusin", onNear);
    };
  }, []);

  return App ? <App {...props} requests={requests} /> : null;
}
