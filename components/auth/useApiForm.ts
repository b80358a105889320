"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { apiFetch, type TApiFailure } from "@/lib/client/api";

type Values = Record<string, string>;
type Request = { url: string; method?: string; body?: unknown };

type Options<V extends Values, T> = {
  initial: V;
  request: (values: V) => Request;
  /** Client-side checks run before sending (e.g. "passwords match"); return messages by field. */
  validate?: (values: V) => Partial<Record<keyof V, string>> | null;
  /** Errors without `fields` that belong under a field, e.g. `{ 409: "email" }` on sign-up. */
  statusField?: Partial<Record<number, keyof V & string>>;
  /** Return "navigating" to keep the busy state while the page changes. */
  onSuccess: (data: T, values: V) => void | "navigating";
  resetOnSuccess?: boolean;
};

export type TFieldProps = {
  name: string;
  value: string;
  onChange: (value: string) => void;
  errors: string[] | undefined;
  inputRef: (el: HTMLInputElement | null) => void;
};

/**
 * State for a small form that posts JSON: controlled values (kept when the server says no),
 * errors by field (422 `fields`, or a status mapped to a field), one form-level failure for the
 * rest, and a pending flag. After a failure, focus moves to the first field with an error.
 */
export function useApiForm<V extends Values, T = unknown>(options: Options<V, T>) {
  const { initial } = options;
  const [values, setValues] = useState<V>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof V, string[]>>>({});
  const [formError, setFormError] = useState<TApiFailure | null>(null);
  const [pending, setPending] = useState(false);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const focusNext = useRef<string | null>(null);
  const focusBack = useRef<HTMLElement | null>(null);

  // After React has re-rendered: focus the first field with an error, or else give focus back to
  // what had it on submit (the submit button loses it while it is disabled).
  useEffect(() => {
    if (pending) return;
    const target = focusNext.current ? inputs.current.get(focusNext.current) : null;
    if (target) target.focus();
    else if (focusBack.current?.isConnected && (!document.activeElement || document.activeElement === document.body)) {
      focusBack.current.focus();
    }
    focusNext.current = null;
    focusBack.current = null;
  }, [pending, fieldErrors]);

  // Text typed before the page finished loading lives only in the DOM: adopt it once hydrated.
  useEffect(() => {
    const typed: Values = {};
    for (const [name, el] of inputs.current) if (el.value && el.value !== initial[name]) typed[name] = el.value;
    // Syncing from the DOM (an external system) once on mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (Object.keys(typed).length) setValues((v) => ({ ...v, ...typed }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const setValue = useCallback((name: keyof V, value: string) => setValues((v) => ({ ...v, [name]: value })), []);

  function showErrors(errors: Partial<Record<keyof V, string[]>>) {
    setFieldErrors(errors);
    focusNext.current = (Object.keys(initial) as (keyof V & string)[]).find((name) => errors[name]?.length) ?? null;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setFormError(null);
    const local = options.validate?.(values);
    if (local && Object.values(local).some(Boolean)) {
      const errors: Partial<Record<keyof V, string[]>> = {};
      for (const [name, message] of Object.entries(local)) if (message) errors[name as keyof V] = [message as string];
      showErrors(errors);
      return;
    }
    setFieldErrors({});
    focusBack.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setPending(true);
    const { url, method = "POST", body } = options.request(values);
    const result = await apiFetch<T>(url, { method, body });
    if (result.ok) {
      if (options.onSuccess(result.data, values) === "navigating") return;
      if (options.resetOnSuccess) setValues(initial);
      setPending(false);
      return;
    }
    const failure = result.error;
    const known = new Set(Object.keys(initial));
    const errors: Partial<Record<keyof V, string[]>> = {};
    const other: string[] = [];
    for (const [name, messages] of Object.entries(failure.fields)) {
      if (known.has(name)) errors[name as keyof V] = messages;
      else other.push(...messages);
    }
    const mapped = options.statusField?.[failure.status];
    if (mapped && !Object.keys(errors).length) errors[mapped] = [failure.message];
    showErrors(errors);
    if (!Object.keys(errors).length) setFormError(failure);
    else if (other.length) setFormError({ ...failure, message: other.join(" ") });
    setPending(false);
  }

  function field(name: keyof V & string): TFieldProps {
    return {
      name,
      value: values[name] ?? "",
      onChange: (value) => setValue(name, value),
      errors: fieldErrors[name],
      inputRef: (el) => {
        if (el) inputs.current.set(name, el);
        else inputs.current.delete(name);
      },
    };
  }

  return { values, setValue, field, fieldErrors, formError, pending, onSubmit };
}
