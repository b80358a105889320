"use client";

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { sql, SQLite, PostgreSQL } from "@codemirror/lang-sql";
import { bracketMatching, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { TLabEngine } from "@/lib/lab/types";

/**
 * The lab's SQL editor: CodeMirror 6 with only what editing SQL needs (line numbers, history,
 * brackets, SQL highlighting as CSS classes styled in app/globals.css for both themes). Tab
 * indents; Escape then Tab leaves the editor (CodeMirror's own rule, said under the editor), so
 * keyboard users are never trapped. Ctrl/Cmd+Enter runs.
 */
export type TSqlEditorHandle = {
  getText(): string;
  setText(text: string): void;
  focus(): void;
  /** Marks [from, to) as the error's place and scrolls it into view; null clears it. */
  markError(range: { from: number; to: number } | null): void;
};

type Props = {
  initialText: string;
  engine: TLabEngine;
  /** The accessible name of the editing area. */
  label: string;
  describedBy?: string;
  onRun: () => void;
};

const setError = StateEffect.define<{ from: number; to: number } | null>();

const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    for (const e of tr.effects) {
      if (e.is(setError)) {
        if (!e.value) return Decoration.none;
        const { from, to } = e.value;
        const line = tr.state.doc.lineAt(from);
        return Decoration.set([
          Decoration.line({ class: "cm-lab-error-line" }).range(line.from),
          Decoration.mark({ class: "cm-lab-error", attributes: { title: "The error is here" } }).range(from, to),
        ]);
      }
    }
    return tr.docChanged ? Decoration.none : marks.map(tr.changes);
  },
  provide: (f) => EditorView.decorations.from(f),
});

const dialects = { sqlite: SQLite, postgres: PostgreSQL };

export const SqlEditor = forwardRef<TSqlEditorHandle, Props>(function SqlEditor({ initialText, engine, label, describedBy, onRun }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const runRef = useRef(onRun);

  useEffect(() => {
    runRef.current = onRun;
  }, [onRun]);

  useEffect(() => {
    const attributes: Record<string, string> = { "aria-label": label };
    if (describedBy) attributes["aria-describedby"] = describedBy;
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      bracketMatching(),
      language.current.of(sql({ dialect: dialects[engine] })),
      syntaxHighlighting(classHighlighter),
      errorField,
      keymap.of([
        { key: "Mod-Enter", run: () => (runRef.current(), true), preventDefault: true },
        ...defaultKeymap,
        ...historyKeymap,
        indentWithTab,
      ]),
      EditorView.contentAttributes.of(attributes),
      EditorView.lineWrapping,
    ];
    const v = new EditorView({ parent: host.current!, state: EditorState.create({ doc: initialText, extensions }) });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is made once per panel; text changes go through the handle.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(sql({ dialect: dialects[engine] })) });
  }, [engine]);

  useImperativeHandle(ref, () => ({
    getText: () => view.current?.state.doc.toString() ?? initialText,
    setText(text) {
      const v = view.current;
      if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, effects: setError.of(null) });
    },
    focus: () => view.current?.focus(),
    markError(range) {
      const v = view.current;
      if (!v) return;
      const length = v.state.doc.length;
      const clamped = range && { from: Math.max(0, Math.min(range.from, length)), to: Math.max(0, Math.min(range.to, length)) };
      const valid = clamped && clamped.to > clamped.from ? clamped : null;
      v.dispatch({
        effects: valid ? [setError.of(valid), EditorView.scrollIntoView(valid.from, { y: "nearest" })] : [setError.of(null)],
      });
    },
  }));

  return <div ref={host} className="lab-editor" />;
});
