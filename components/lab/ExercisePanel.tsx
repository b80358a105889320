"use client";

import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { TExercisePayload } from "@/lib/content/api";
import { gradedResult, gradeExercise, type TDifference, type TResultSet, type TVerdict } from "@/lib/domain/grader";
import { datasetScripts } from "@/lib/lab/attempt";
import type { TLabEngine, TStatementResult } from "@/lib/lab/types";
import { recordExerciseSolved } from "@/components/progress/useProgress";
import { fetchDataset, fetchExercises } from "./data";
import { engineClient, StoppedError } from "./engine";
import { ENGINE_NAMES, errorRange, rowsLabel, runSummary } from "./format";
import { InlineText } from "./InlineText";
import { EditorHelp, EngineSwitch, LabActions, LabStatus, type TPhaseState } from "./LabParts";
import { Results, ResultTable } from "./Results";
import { SqlEditor, type TSqlEditorHandle } from "./SqlEditor";

/** Failed checks before "Show a solution" is offered. */
export const SOLUTION_AFTER = 2;

type Props = {
  track: string;
  /** The lesson's or capstone's exercises (components/lab/data.ts). */
  exercisesUrl: string;
  /** The lesson's or capstone's id: solved exercises are stored under it. */
  lessonId: string;
  exerciseId: string;
  number: number;
  /** Bumped when "Write your query" is pressed again: the editor takes the focus. */
  focusSignal: number;
  onFirstRun: () => void;
};

type TChecked = { verdict: TVerdict; expected: TResultSet; mine: TResultSet | null; engine: TLabEngine };

function Difference({ d, checked }: { d: TDifference; checked: TChecked }) {
  switch (d.kind) {
    case "column-count":
      return <p>Expected {d.expected} columns, your result has {d.actual}.</p>;
    case "column-names":
      return (
        <p>
          The task asks for these column names: <code>{d.expected.join(", ")}</code>. Yours: <code>{d.actual.join(", ")}</code>.
        </p>
      );
    case "column-order":
      return (
        <p>
          The right values, in another column order: expected <code>{d.expected.join(", ")}</code>, yours <code>{d.actual.join(", ")}</code>.
        </p>
      );
    case "order":
      return (
        <div>
          <p>Row order matters here, and row {d.index + 1} differs.</p>
          <ResultTable columns={checked.expected.columns} rows={[d.expected]} caption={`Expected row ${d.index + 1}`} />
          <ResultTable columns={checked.mine?.columns ?? checked.expected.columns} rows={[d.actual]} caption={`Your row ${d.index + 1}`} />
        </div>
      );
    case "rows":
      return (
        <div className="lab-diff-rows">
          {d.missingCount > 0 ? (
            <ResultTable
              columns={checked.expected.columns}
              rows={d.missing}
              highlight="missing"
              caption={`Missing from your result: ${rowsLabel(d.missingCount).toLowerCase()}${d.missingCount > d.missing.length ? `, the first ${d.missing.length} shown` : ""}`}
            />
          ) : null}
          {d.extraCount > 0 ? (
            <ResultTable
              columns={checked.mine?.columns ?? checked.expected.columns}
              rows={d.extra}
              highlight="extra"
              caption={`Extra in your result: ${rowsLabel(d.extraCount).toLowerCase()}${d.extraCount > d.extra.length ? `, the first ${d.extra.length} shown` : ""}`}
            />
          ) : null}
        </div>
      );
  }
}

/** One "write the query" exercise: editor, Run (see your rows), Check (graded), hints, a solution. */
export function ExercisePanel({ track, exercisesUrl, lessonId, exerciseId, number, focusSignal, onFirstRun }: Props) {
  const [exercise, setExercise] = useState<TExercisePayload | null>(null);
  const [engine, setEngine] = useState<TLabEngine>("sqlite");
  const [running, setRunning] = useState(false);
  const [phase, setPhase] = useState<TPhaseState>(null);
  const [ran, setRan] = useState<{ results: TStatementResult[]; text: string } | null>(null);
  const [checked, setChecked] = useState<TChecked | null>(null);
  const [failures, setFailures] = useState(0);
  const [hints, setHints] = useState(0);
  const [solution, setSolution] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const editor = useRef<TSqlEditorHandle>(null);
  const busy = useRef(false);
  const id = useId();

  useEffect(() => {
    fetchExercises(exercisesUrl).then(
      (payload) => {
        const x = payload.exercises.find((e) => e.id === exerciseId);
        if (!x) throw new Error(`no exercise "${exerciseId}"`);
        setExercise(x);
        setEngine(x.engines[0]!);
      },
      (e: unknown) => setProblem(e instanceof Error ? e.message : String(e)),
    );
  }, [exercisesUrl, exerciseId]);

  useEffect(() => {
    if (exercise) editor.current?.focus();
  }, [exercise, focusSignal]);

  /** Runs `task` with the engine started, turning a Stop or a failure into words. */
  const withEngine = useCallback(
    async (task: () => Promise<void>) => {
      if (busy.current || !exercise) return;
      busy.current = true;
      setRunning(true);
      setProblem(null);
      editor.current?.markError(null);
      onFirstRun();
      try {
        const client = engineClient(engine);
        if (!client.loaded) await client.load((progress) => setPhase({ kind: "load", progress }));
        setPhase({ kind: "dataset" });
        await task();
      } catch (e) {
        if (e instanceof StoppedError) {
          setAnnouncement(`Stopped. ${ENGINE_NAMES[engine]} was restarted.`);
          setProblem(`Stopped. ${ENGINE_NAMES[engine]} was restarted.`);
        } else {
          const message = e instanceof Error ? e.message : String(e);
          setProblem(`The lab could not do this: ${message}`);
          setAnnouncement(`The lab could not do this: ${message}`);
        }
      } finally {
        busy.current = false;
        setRunning(false);
        setPhase(null);
      }
    },
    [engine, exercise, onFirstRun],
  );

  const run = useCallback(
    () =>
      withEngine(async () => {
        const text = editor.current?.getText() ?? "";
        const dataset = await fetchDataset(track, exercise!.dataset);
        const client = engineClient(engine);
        await client.open("check", dataset.sql);
        setPhase({ kind: "run" });
        const results = await client.run("check", text);
        setRan({ results, text });
        setChecked(null);
        const error = results.find((r) => r.kind === "error");
        if (error?.kind === "error") editor.current?.markError(errorRange(text, error));
        setAnnouncement(runSummary(results));
      }),
    [withEngine, track, exercise, engine],
  );

  const check = useCallback(
    () =>
      withEngine(async () => {
        const x = exercise!;
        const text = editor.current?.getText() ?? "";
        const scripts = datasetScripts(await fetchDataset(track, x.dataset), { variant: x.variant ?? undefined });
        const client = engineClient(engine);
        const visible = await client.attempt(scripts.visible, x, text);
        setPhase({ kind: "run" });
        const variant = await client.attempt(scripts.variant, x, text);
        const verdict = gradeExercise({
          exercise: { orderMatters: x.orderMatters, checkColumnNames: x.checkColumnNames, tolerance: x.tolerance ?? undefined, wrong: x.wrong },
          visible,
          variant,
          learnerSql: text,
        });
        const expected = gradedResult(visible.reference)!;
        setChecked({ verdict, expected, mine: gradedResult(visible.learner), engine });
        setRan({ results: visible.learner, text });
        const error = visible.learner.find((r) => r.kind === "error");
        if (error?.kind === "error") editor.current?.markError(errorRange(text, error));
        if (verdict.passed) {
          await recordExerciseSolved({ lessonId, exerciseId: x.id, engine });
          setAnnouncement(`Solved. ${verdict.summary}`);
        } else {
          setFailures((n) => n + 1);
          setAnnouncement(`Not yet. ${verdict.summary}${verdict.feedback ? ` ${verdict.feedback}` : ""}`);
        }
      }),
    [withEngine, track, exercise, engine, lessonId],
  );

  function stop() {
    if (busy.current) engineClient(engine).stop();
  }

  function switchEngine(next: TLabEngine) {
    if (busy.current) return;
    setEngine(next);
    setRan(null);
    setChecked(null);
  }

  if (!exercise) {
    return <p className="lab-muted">{problem ? `The exercise could not be loaded: ${problem}` : "Loading the exercise…"}</p>;
  }

  const helpId = `${id}-help`;
  const verdict = checked?.verdict;
  return (
    <section className="lab-panel" aria-label={`SQL lab, exercise ${number}`} data-lab-exercise-panel={exercise.id}>
      <div className="lab-panel-head">
        <p className="lab-panel-title">Your query</p>
        <EngineSwitch name={`${id}-engine`} engines={exercise.engines} value={engine} onChange={switchEngine} disabled={running} />
      </div>
      <SqlEditor ref={editor} initialText="" engine={engine} label={`Your SQL for exercise ${number}`} describedBy={helpId} onRun={check} />
      <EditorHelp id={helpId} enterDoes="checks" />
      <LabActions
        actions={[
          { label: "Check", onClick: check, disabled: running },
          { label: "Run", onClick: run, disabled: running },
          { label: "Stop", onClick: stop, disabled: !running },
        ]}
        where={`${ENGINE_NAMES[engine]} · ${exercise.dataset} dataset`}
      />
      <LabStatus phase={phase} engine={engine} datasetName={exercise.dataset} />
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      {problem ? <p className="lab-failure">{problem}</p> : null}

      {verdict ? (
        <div className={verdict.passed ? "lab-verdict lab-verdict-pass" : "lab-verdict lab-verdict-fail"}>
          <p className="lab-verdict-title">{verdict.passed ? "Solved" : verdict.status === "hard-coded" ? "Not yet: right here, wrong on other data" : "Not yet"}</p>
          <p>{verdict.summary}</p>
          {verdict.feedback ? (
            <p className="lab-feedback">
              <InlineText text={verdict.feedback} />
            </p>
          ) : null}
          {verdict.passed ? <p className="lab-muted">Counted in your progress (on {ENGINE_NAMES[checked.engine]}).</p> : null}
          {verdict.differences.map((d, i) => (
            <Difference key={i} d={d} checked={checked} />
          ))}
        </div>
      ) : null}

      {ran ? (
        <details className="lab-ran" open={!verdict || verdict.status === "error"}>
          <summary>Your result on the {exercise.dataset} dataset</summary>
          <Results results={ran.results} text={ran.text} expectedError={false} label={`Your result for exercise ${number}`} />
        </details>
      ) : null}

      <div className="lab-hints">
        {hints > 0 ? (
          <ol className="lab-hint-list" aria-label="Hints">
            {exercise.hints.slice(0, hints).map((h, i) => (
              <li key={i}>
                <InlineText text={h} />
              </li>
            ))}
          </ol>
        ) : null}
        <div className="lab-actions">
          {hints < exercise.hints.length ? (
            <button type="button" className="lab-btn" onClick={() => setHints((n) => n + 1)}>
              {hints === 0 ? "Show a hint" : "Show another hint"} ({hints + 1} of {exercise.hints.length})
            </button>
          ) : null}
          {failures >= SOLUTION_AFTER && !solution ? (
            <button type="button" className="lab-btn" onClick={() => setSolution(true)}>
              Show a solution
            </button>
          ) : null}
        </div>
        {solution ? (
          <div className="lab-solution">
            <p className="lab-muted">One query that solves it (yours may differ and still be right):</p>
            <pre>{exercise.solution}</pre>
          </div>
        ) : null}
      </div>
    </section>
  );
}
