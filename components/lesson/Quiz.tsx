"use client";

import { useRef, useState } from "react";
import { recordProgress } from "@/components/progress/useProgress";
import { uuid } from "@/lib/client/outbox";
import type { TQuizQuestionView } from "@/lib/content/lesson-html";

type Answer = { tried: number[]; solved: boolean };

type Props = { questions: TQuizQuestionView[]; lessonTitle: string; lessonId: string; version: string };

/**
 * Multiple choice with immediate feedback: every choice explains itself once tried. Once every
 * question has a first answer, the attempt (first answers, score = first answers that were right)
 * goes to the progress outbox; once every question has been answered correctly, the lesson counts
 * as completed for this version.
 */
export function Quiz({ questions, lessonTitle, lessonId, version }: Props) {
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const reported = useRef({ attempt: false, complete: false });

  function choose(q: TQuizQuestionView, index: number) {
    const current = answers[q.id] ?? { tried: [], solved: false };
    if (current.solved || current.tried.includes(index)) return;
    const next = { ...answers, [q.id]: { tried: [...current.tried, index], solved: q.choices[index]!.correct } };
    setAnswers(next);
    if (!reported.current.attempt && questions.every((x) => next[x.id]?.tried.length)) {
      reported.current.attempt = true;
      const first = Object.fromEntries(questions.map((x) => [x.id, next[x.id]!.tried[0]!]));
      const score = questions.filter((x) => x.choices[first[x.id]!]?.correct).length;
      void recordProgress({ kind: "quiz", lessonId, attemptId: uuid(), version, answers: first, score, total: questions.length });
    }
    if (!reported.current.complete && questions.every((x) => next[x.id]?.solved)) {
      reported.current.complete = true;
      void recordProgress({ kind: "complete", lessonId, version });
    }
  }

  const solved = questions.filter((q) => answers[q.id]?.solved).length;
  const firstTry = questions.filter((q) => {
    const a = answers[q.id];
    return a?.solved && a.tried.length === 1;
  }).length;

  return (
    <div>
      <ol className="space-y-6">
        {questions.map((q, qi) => {
          const answer = answers[q.id] ?? { tried: [], solved: false };
          const last = answer.tried.at(-1);
          return (
            <li key={q.id} className="rounded-xl border border-[var(--border)] p-4" data-question={q.id}>
              <p id={`q-${q.id}`} className="font-medium">
                <span className="text-[var(--fg-muted)]">Question {qi + 1}. </span>
                <span dangerouslySetInnerHTML={{ __html: q.questionHtml }} />
              </p>
              <ul role="list" aria-labelledby={`q-${q.id}`} className="mt-3 space-y-2">
                {q.choices.map((c, ci) => {
                  const tried = answer.tried.includes(ci);
                  const state = tried ? (c.correct ? "correct" : "wrong") : answer.solved ? "idle-done" : "idle";
                  return (
                    <li key={ci}>
                      <button
                        type="button"
                        onClick={() => choose(q, ci)}
                        aria-disabled={answer.solved || tried}
                        className={`flex w-full items-start gap-3 rounded-lg border px-3 py-2 text-left transition-colors focus-visible:outline-2 focus-visible:outline-brand-500 ${
                          state === "correct"
                            ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950"
                            : state === "wrong"
                              ? "border-rose-600 bg-rose-50 dark:bg-rose-950"
                              : state === "idle-done"
                                ? "border-[var(--border)] opacity-80"
                                : "border-[var(--border)] hover:bg-[var(--bg-soft)]"
                        }`}
                      >
                        <span aria-hidden="true" className="mt-0.5 w-5 shrink-0 font-bold">
                          {state === "correct" ? "✓" : state === "wrong" ? "✗" : String.fromCharCode(65 + ci)}
                        </span>
                        <span>
                          <span dangerouslySetInnerHTML={{ __html: c.html }} />
                          {tried ? <span className="sr-only">{c.correct ? " (correct)" : " (incorrect)"}</span> : null}
                          {tried ? (
                            <span className="mt-1 block text-sm text-[var(--fg-muted)]" dangerouslySetInnerHTML={{ __html: c.explanationHtml }} />
                          ) : null}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
              <p aria-live="polite" className="mt-3 min-h-6 text-sm font-semibold">
                {last === undefined
                  ? ""
                  : answer.solved
                    ? answer.tried.length === 1
                      ? "Correct on the first try."
                      : `Correct, after ${answer.tried.length} tries.`
                    : "Not quite. Read why, then try another answer."}
              </p>
            </li>
          );
        })}
      </ol>
      <p className="mt-4 text-sm text-[var(--fg-muted)]" aria-live="polite">
        {solved === 0
          ? `${questions.length} questions on ${lessonTitle}. Pick an answer to see if it is right and why.`
          : solved < questions.length
            ? `${solved} of ${questions.length} answered.`
            : `All ${questions.length} answered: ${firstTry} of ${questions.length} right on the first try. Quiz passed: lesson completed.`}
      </p>
    </div>
  );
}
