"use client";

import type { TLabEngine } from "@/lib/lab/types";
import { ENGINE_NAMES, formatBytes } from "./format";
import type { TPhase } from "./session";

export type TPhaseState = TPhase | null;

/** SQLite / PostgreSQL as two radio buttons; one engine only is said, not offered. */
export function EngineSwitch({
  name,
  engines,
  value,
  onChange,
  disabled,
}: {
  name: string;
  engines: TLabEngine[];
  value: TLabEngine;
  onChange: (e: TLabEngine) => void;
  disabled: boolean;
}) {
  if (engines.length === 1) return <p className="lab-muted">Runs on {ENGINE_NAMES[engines[0]!]} only</p>;
  return (
    <fieldset className="lab-switch">
      <legend className="sr-only">Engine</legend>
      {engines.map((e) => (
        <label key={e} className={value === e ? "lab-switch-on" : undefined}>
          <input type="radio" name={name} value={e} checked={value === e} onChange={() => onChange(e)} aria-disabled={disabled} />
          {ENGINE_NAMES[e]}
        </label>
      ))}
    </fieldset>
  );
}

/** What the lab is doing while the learner waits: download bytes, then the engine's start, the dataset. */
export function LabStatus({ phase, engine, datasetName }: { phase: TPhaseState; engine: TLabEngine; datasetName: string | null }) {
  if (!phase) return null;
  const name = ENGINE_NAMES[engine];
  let text: string;
  let bar: { value: number; max: number } | null = null;
  switch (phase.kind) {
    case "load": {
      const { step, loaded, total } = phase.progress;
      if (step === "download") {
        text = total > 0 ? `Downloading ${name}: ${formatBytes(loaded)} of ${formatBytes(total)}` : `Downloading ${name}…`;
        bar = total > 0 ? { value: loaded, max: total } : null;
      } else text = step === "compile" ? `Compiling ${name}…` : `Starting ${name}…`;
      break;
    }
    case "dataset":
      text = datasetName ? `Starting ${name} with the ${datasetName} dataset…` : `Starting ${name}…`;
      break;
    case "replay":
      text = `Running the ${phase.count === 1 ? "earlier example" : `${phase.count} earlier examples`} first…`;
      break;
    case "run":
      text = "Running…";
      break;
  }
  return (
    <div className="lab-status">
      <span>{text}</span>
      {bar ? <progress value={bar.value} max={bar.max} aria-label={`Downloading ${name}`} /> : null}
    </div>
  );
}

/** Under a lab editor (its aria-describedby): what Ctrl+Enter does there, and how to leave the editor. */
export function EditorHelp({ id, enterDoes }: { id: string; enterDoes: "runs" | "checks" }) {
  return (
    <p id={id} className="lab-help">
      Ctrl+Enter (⌘+Enter) {enterDoes}. Tab indents; press Esc then Tab to leave the editor.
    </p>
  );
}

export type TLabAction = { label: string; onClick: () => void; disabled: boolean };

/** The row of buttons under a lab editor, the primary action (the one Ctrl+Enter does) first, and where the SQL runs. */
export function LabActions({ actions, where }: { actions: TLabAction[]; where: string }) {
  return (
    <div className="lab-actions">
      {actions.map((action, i) => (
        <button
          key={action.label}
          type="button"
          className={i === 0 ? "lab-btn lab-btn-primary" : "lab-btn"}
          onClick={action.onClick}
          aria-disabled={action.disabled}
        >
          {action.label}
        </button>
      ))}
      <span className="lab-muted lab-where">{where}</span>
    </div>
  );
}
