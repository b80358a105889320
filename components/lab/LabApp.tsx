"use client";

import { useCallback, useMemo, useRef } from "react";
import { createPortal } from "react-dom";
import type { TSqlTag } from "@/lib/content/sql-blocks";
import { datasetUrl, exercisesUrl, fetchDataset } from "./data";
import { engineClient } from "./engine";
import { ExamplePanel } from "./ExamplePanel";
import { keepForOffline } from "./offline";
import { defaultEngine, type TExampleBlock } from "./session";

/**
 * The lab itself, loaded by LabIsland on the first Run (or when the pointer or focus reaches a Run
 * button): CodeMirror, the panels and the engine clients live in this chunk, never in the lesson
 * page's own JavaScript. Each example's panel is portalled into a slot right after the example.
 */
export type TLabRequest = { host: HTMLElement; action: string; seq: number };
export type TLabContext = { track: string; lesson: string; dataset: string | null; hasExercises: boolean };
export type TLabAppProps = TLabContext & { requests: TLabRequest[] };

const slots = new WeakMap<HTMLElement, HTMLElement>();

/** The element after `host` that holds its panel (made once). */
function slotAfter(host: HTMLElement): HTMLElement {
  let slot = slots.get(host);
  if (!slot) {
    slot = document.createElement("div");
    slot.className = "lab-slot";
    host.after(slot);
    slots.set(host, slot);
  }
  return slot;
}

function blockOf(host: HTMLElement): TExampleBlock {
  return {
    index: Number(host.dataset.labBlock),
    tag: (host.dataset.sqlTag as TSqlTag | undefined) ?? null,
    // Shiki keeps the text exactly (one span per line, joined by newlines).
    code: host.querySelector("pre code")?.textContent ?? "",
  };
}

/** Starts the engine an example would open on, before the click (pointer over or focus on its Run button). */
export function warmUp(host: HTMLElement) {
  if (host.dataset.labBlock) void engineClient(defaultEngine(blockOf(host).tag)).load().catch(() => undefined);
}

export function LabApp({ track, lesson, dataset, hasExercises, requests }: TLabAppProps) {
  const blocks = useMemo(() => [...document.querySelectorAll<HTMLElement>("[data-lab-block]")].map(blockOf), []);
  const datasetSql = useCallback(async () => (dataset ? (await fetchDataset(track, dataset)).sql : ""), [track, dataset]);

  const offline = useRef(false);
  const onFirstRun = useCallback(() => {
    if (offline.current) return;
    offline.current = true;
    const urls = [dataset ? datasetUrl(track, dataset) : null, hasExercises ? exercisesUrl(track, lesson) : null];
    void keepForOffline(urls.filter((u): u is string => u !== null));
  }, [track, lesson, dataset, hasExercises]);

  // One panel per example, in the order they were first opened; later Run presses run it again.
  const panels = new Map<HTMLElement, { first: TLabRequest; runs: number }>();
  for (const r of requests) {
    if (!r.host.dataset.labBlock) continue;
    const p = panels.get(r.host);
    if (!p) panels.set(r.host, { first: r, runs: 0 });
    else if (r.action === "run") p.runs++;
  }

  return (
    <>
      {[...panels].map(([host, p]) => {
        const block = blocks.find((b) => b.index === Number(host.dataset.labBlock)) ?? blockOf(host);
        return createPortal(
          <ExamplePanel
            block={block}
            blocks={blocks}
            datasetName={dataset}
            datasetSql={datasetSql}
            runOnOpen={p.first.action === "run"}
            runSignal={p.runs}
            onFirstRun={onFirstRun}
          />,
          slotAfter(host),
          `example-${block.index}`,
        );
      })}
    </>
  );
}
