import { type FormEvent, useState } from 'react';
import { describeError } from '../api/api-client';

/**
 * What a form checks before it sends: field errors, shown by their inputs (none: go on),
 * or one message for the whole form.
 */
export type FormCheck = Readonly<Record<string, string>> | string;

export interface FormSubmit {
  /** Field errors of the last submit, by field name. */
  errors: Readonly<Record<string, string>>;
  /** The form's own error: a failed check or a refused request. */
  error: string | null;
  /** While the request runs (the submit button says so and is disabled). */
  busy: boolean;
  /**
   * Handles a submit: nothing is sent while `check` finds a problem; otherwise `send`
   * runs while busy and a failure becomes the form's error (`describe`, by default the
   * API's message).
   */
  submit: (
    event: FormEvent,
    check: FormCheck,
    send: () => Promise<void>,
    describe?: (error: unknown) => string,
  ) => void;
}

/** The state every form of the sign-in and settings pages keeps: errors and busy. */
export function useFormSubmit(): FormSubmit {
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit: FormSubmit['submit'] = (event, check, send, describe = describeError) => {
    event.preventDefault();
    if (typeof check === 'string') {
      setErrors({});
      setError(check);
      return;
    }
    setErrors(check);
    if (Object.keys(check).length > 0) return;
    setBusy(true);
    setError(null);
    send().then(
      () => setBusy(false),
      (e: unknown) => {
        setBusy(false);
        setError(describe(e));
      },
    );
  };

  return { errors, error, busy, submit };
}
