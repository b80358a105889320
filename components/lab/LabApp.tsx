"use client";

import { useCallback, useMemo, useRef } from "react";
import { createPortal } from "react-dom";
import type { TSqlTag } from "@/lib/content/sql-blocks";
import type { TLabEngine } from "@/lib/lab/types";
import { datasetUrl, fetchDataset } from "./data";
import { engineClient } from "./engine";
import { ExamplePanel } from "./ExamplePanel";
import { ExercisePanel } from "./ExercisePanel";
import { keepForOffline } from "./offline";
import { defaultEngine, switchLessonSessions, type TExampleBlock } from "./session";

/**
 * The lab itself, loaded by LabIsland on the first Run (or when the pointer or focus reaches a Run
 * button): CodeMirror, the panels and the engine clients live in this chunk, never in the lesson
 * page's own JavaScript. Each example's panel is portalled into a slot right after the example.
 */
export type TLabRequest = { host: HTMLElement; action: string; seq: number };
export type TLabContext = {
  track: string;
  lesson: string;
  lessonId: string;
  /** The lesson version shown: its examples are the ones on the page. */
  version: string;
  dataset: string | null;
  /** Where the page's exercises come from (components/lab/data.ts), or null when it has none. */
  exercisesUrl: string | null;
};
export type TLabAppProps = TLabContext & { requests: TLabRequest[] };

const slots = new WeakMap<HTMLElement, HTMLElement>();

/** The element that holds `host`'s panel (made once): after an example, at the end of an exercise. */
function slotFor(host: HTMLElement): HTMLElement {
  let slot = slots.get(host);
  if (!slot) {
    slot = document.createElement("div");
    slot.className = "lab-slot";
    if (host.dataset.labExercise) host.append(slot);
    else host.after(slot);
    slots.set(host, slot);
  }
  return slot;
}

function blockOf(host: HTMLElement): TExampleBlock {
  return {
    index: Number(host.dataset.labBlock),
    tag: (host.dataset.sqlTag as TSqlTag | undefined) ?? null,
    engines: (host.dataset.labEngines ?? "").split(" ").filter((e): e is TLabEngine => e === "sqlite" || e === "postgres"),
    // Shiki keeps the text exactly (one span per line, joined by newlines).
    code: host.querySelector("pre code")?.textContent ?? "",
  };
}

/** Starts the engine an example would open on, before the click (pointer over or focus on its Run button). */
export function warmUp(host: HTMLElement) {
  if (!host.dataset.labBlock) return;
  const block = blockOf(host);
  void engineClient(defaultEngine(block.tag, block.engines)).load().catch(() => undefined);
}

export function LabApp({ track, lesson, lessonId, version, dataset, exercisesUrl, requests }: TLabAppProps) {
  switchLessonSessions(`${track}/${lesson}/${version}`);
  const blocks = useMemo(() => [...document.querySelectorAll<HTMLElement>("[data-lab-block]")].map(blockOf), []);
  const datasetSql = useCallback(async () => (dataset ? (await fetchDataset(track, dataset)).sql : ""), [track, dataset]);

  const offline = useRef(false);
  const onFirstRun = useCallback(() => {
    if (offline.current) return;
    offline.current = true;
    const urls = [dataset ? datasetUrl(track, dataset) : null, exercisesUrl];
    void keepForOffline(urls.filter((u): u is string => u !== null));
  }, [track, dataset, exercisesUrl]);

  // One panel per example or exercise, in the order first opened; later Run presses run it again.
  const panels = new Map<HTMLElement, { first: TLabRequest; runs: number; edits: number }>();
  for (const r of requests) {
    const p = panels.get(r.host);
    if (!p) panels.set(r.host, { first: r, runs: 0, edits: 0 });
    else if (r.action === "run") p.runs++;
    else p.edits++;
  }

  return (
    <>
      {[...panels].map(([host, p]) => {
        const exerciseId = host.dataset.labExercise;
        if (exerciseId) {
          const number = [...document.querySelectorAll("[data-lab-exercise]")].indexOf(host) + 1;
          return createPortal(
            <ExercisePanel
              track={track}
              exercisesUrl={exercisesUrl!}
              lessonId={lessonId}
              exerciseId={exerciseId}
              number={number}
              focusSignal={p.edits}
              onFirstRun={onFirstRun}
            />,
            slotFor(host),
            `exercise-${exerciseId}`,
          );
        }
        const block = blocks.find((b) => b.index === Number(host.dataset.labBlock)) ?? blockOf(host);
        return createPortal(
          <ExamplePanel
            block={block}
            blocks={blocks}
            datasetName={dataset}
            datasetSql={datasetSql}
            runOnOpen={p.first.action === "run"}
            runSignal={p.runs}
            focusSignal={p.edits}
            onFirstRun={onFirstRun}
          />,
          slotFor(host),
          `example-${block.index}`,
        );
      })}
    </>
  );
}
