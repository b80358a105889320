"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { TLabEngine, TStatementResult } from "@/lib/lab/types";
import { engineClient, StoppedError } from "./engine";
import { ENGINE_NAMES, errorRange, runSummary } from "./format";
import { EditorHelp, EngineSwitch, LabActions, LabStatus, type TPhaseState } from "./LabParts";
import { Results } from "./Results";
import { defaultEngine, examplesSession, failsOn, type TExampleBlock } from "./session";
import { SqlEditor, type TSqlEditorHandle } from "./SqlEditor";

type Props = {
  block: TExampleBlock;
  blocks: TExampleBlock[];
  datasetName: string | null;
  datasetSql: () => Promise<string>;
  /** Run as soon as the panel opens (the example's Run button), or only show the editor (Edit). */
  runOnOpen: boolean;
  /** Bumped when the example's own Run button is pressed again while the panel is open. */
  runSignal: number;
  /** Bumped when its Edit button is pressed again: the editor takes the focus. */
  focusSignal: number;
  onFirstRun: () => void;
};

type TShown = { results: TStatementResult[]; text: string; engine: TLabEngine; ms: number; replayed: number; seq: number };

/** The lab under one lesson example: editor, Run / Stop / Reset, engine switch, a grid per statement. */
export function ExamplePanel({ block, blocks, datasetName, datasetSql, runOnOpen, runSignal, focusSignal, onFirstRun }: Props) {
  const engines = block.engines;
  const [engine, setEngine] = useState<TLabEngine>(defaultEngine(block.tag, engines));
  const [running, setRunning] = useState(false);
  const [phase, setPhase] = useState<TPhaseState>(null);
  const [shown, setShown] = useState<TShown | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const editor = useRef<TSqlEditorHandle>(null);
  const runningRef = useRef(false);
  const runCount = useRef(0);
  const id = useId();
  const title = `SQL lab, example ${block.index}`;

  const run = useCallback(async () => {
    if (runningRef.current) return;
    runningRef.current = true;
    const text = editor.current?.getText() ?? block.code;
    setRunning(true);
    setFailure(null);
    setNotice(null);
    setAnnouncement(`Running on ${ENGINE_NAMES[engine]}…`);
    editor.current?.markError(null);
    onFirstRun();
    const t0 = performance.now();
    try {
      const { results, replayed } = await examplesSession(engine, datasetSql).run(block, text, blocks, setPhase);
      const ms = performance.now() - t0;
      setShown({ results, text, engine, ms, replayed, seq: ++runCount.current });
      const error = results.find((r) => r.kind === "error");
      if (error?.kind === "error") editor.current?.markError(errorRange(text, error));
      setAnnouncement(runSummary(results));
    } catch (e) {
      if (e instanceof StoppedError) {
        setShown(null);
        setNotice(`Stopped. ${ENGINE_NAMES[engine]} was restarted: the next run loads the dataset again.`);
        setAnnouncement(`Stopped. ${ENGINE_NAMES[engine]} was restarted.`);
      } else {
        const message = e instanceof Error ? e.message : String(e);
        setFailure(message);
        setAnnouncement(`The lab could not run this: ${message}`);
      }
    } finally {
      runningRef.current = false;
      setRunning(false);
      setPhase(null);
    }
  }, [block, blocks, datasetSql, engine, onFirstRun]);

  const ran = useRef(false);
  useEffect(() => {
    if (runOnOpen && !ran.current) {
      ran.current = true;
      void run();
    } else if (!runOnOpen) editor.current?.focus();
    // Only when the panel first opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const lastSignal = useRef(runSignal);
  useEffect(() => {
    if (runSignal !== lastSignal.current) {
      lastSignal.current = runSignal;
      void run();
    }
  }, [runSignal, run]);

  useEffect(() => {
    if (focusSignal > 0) editor.current?.focus();
  }, [focusSignal]);

  function stop() {
    if (runningRef.current) engineClient(engine).stop();
  }

  async function reset() {
    if (runningRef.current) return;
    editor.current?.setText(block.code);
    setShown(null);
    setFailure(null);
    const client = engineClient(engine);
    if (!client.loaded) {
      setNotice("Reset: the example's text is back.");
      setAnnouncement("Reset: the example's text is back.");
      return;
    }
    runningRef.current = true;
    setRunning(true);
    try {
      await examplesSession(engine, datasetSql).reset(setPhase);
      const what = datasetName ? `the ${datasetName} dataset` : "an empty database";
      setNotice(`Reset: the example's text and ${what} are back, for every example on ${ENGINE_NAMES[engine]}.`);
      setAnnouncement(`Reset: the example's text and ${what} are back.`);
    } catch (e) {
      if (!(e instanceof StoppedError)) setFailure(e instanceof Error ? e.message : String(e));
    } finally {
      runningRef.current = false;
      setRunning(false);
      setPhase(null);
    }
  }

  function switchEngine(next: TLabEngine) {
    if (runningRef.current || next === engine) return;
    setEngine(next);
    setShown(null);
    setNotice(null);
    setFailure(null);
    editor.current?.markError(null);
  }

  const unchanged = shown ? shown.text === block.code : false;
  const helpId = `${id}-help`;

  return (
    <section className="lab-panel" aria-label={title} data-lab-panel={block.index}>
      <div className="lab-panel-head">
        <p className="lab-panel-title">Try it · example {block.index}</p>
        <EngineSwitch name={`${id}-engine`} engines={engines} value={engine} onChange={switchEngine} disabled={running} />
      </div>
      <SqlEditor ref={editor} initialText={block.code} engine={engine} label={`SQL of example ${block.index}`} describedBy={helpId} onRun={run} />
      <EditorHelp id={helpId} enterDoes="runs" />
      <LabActions
        actions={[
          { label: "Run", onClick: run, disabled: running },
          { label: "Stop", onClick: stop, disabled: !running },
          { label: "Reset", onClick: reset, disabled: running },
        ]}
        where={`${ENGINE_NAMES[engine]} · ${datasetName ? `${datasetName} dataset` : "empty database"}`}
      />
      <LabStatus phase={phase} engine={engine} datasetName={datasetName} />
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {failure ? <p className="lab-failure">The lab could not run this: {failure}</p> : null}
      {notice ? <p className="lab-notice">{notice}</p> : null}
      {shown ? (
        <div className="lab-output" data-lab-run={shown.seq}>
          <p className="lab-muted">
            {shown.replayed > 0
              ? shown.replayed === 1
                ? "First ran the earlier example of this lesson, so this one sees what it creates. "
                : `First ran the ${shown.replayed} earlier examples of this lesson, so this one sees what they create. `
              : ""}
            Ran on {ENGINE_NAMES[shown.engine]} in {Math.round(shown.ms)} ms.
          </p>
          <Results
            results={shown.results}
            text={shown.text}
            expectedError={unchanged && failsOn(block.tag, shown.engine)}
            label={`Results of example ${block.index}`}
          />
        </div>
      ) : null}
    </section>
  );
}
