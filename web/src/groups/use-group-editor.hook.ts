import type { GroupEvaluationResult, SegmentGroupView } from '@switchyard/contracts';
import { useMemo, useState } from 'react';
import { ApiError, describeError } from '../api/api-client';
import { api } from '../app/api';
import { parseFieldPath } from '../segments/rule-form/rule-form.validate';
import {
  issueKey,
  validateGroupForm,
  type GroupForm,
  type GroupFormErrors,
} from './group-form.model';

export type EvaluationState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: GroupEvaluationResult }
  | { state: 'error'; message: string };

/** State, validation, save and "Evaluate now" of one segment group, new or existing. */
export function useGroupEditor(
  group: SegmentGroupView | null,
  initial: GroupForm,
  onCreated: (group: SegmentGroupView) => void,
) {
  const [saved, setSaved] = useState<SegmentGroupView | null>(group);
  const [form, setFormState] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<GroupFormErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<EvaluationState>({ state: 'idle' });

  const checked = useMemo(() => validateGroupForm(form), [form]);
  const errors: GroupFormErrors = {
    ...serverErrors,
    ...(attempted && !checked.ok ? checked.errors : {}),
  };

  const setForm = (next: GroupForm) => {
    setFormState(next);
    setDirty(true);
    setServerErrors({});
    // Counts are by position: after a change they no longer match the rows.
    setEvaluation({ state: 'idle' });
  };

  const save = async () => {
    setAttempted(true);
    setSaveError(null);
    if (!checked.ok) return;
    setSaving(true);
    try {
      const result = saved
        ? await api.groups.update(saved.id, checked.body)
        : await api.groups.create(checked.body);
      setSaving(false);
      setDirty(false);
      if (!saved) onCreated(result);
      setSaved(result);
    } catch (error) {
      setSaving(false);
      setSaveError(describeError(error));
      if (error instanceof ApiError) {
        const mapped: GroupFormErrors = {};
        for (const issue of error.issues)
          mapped[issueKey(form, parseFieldPath(issue.field))] ??= issue.message;
        setServerErrors(mapped);
      }
    }
  };

  const evaluate = async () => {
    if (!saved) return;
    setEvaluation({ state: 'running' });
    try {
      setEvaluation({ state: 'done', result: await api.groups.evaluate(saved.id) });
    } catch (error) {
      setEvaluation({ state: 'error', message: describeError(error) });
    }
  };

  return { saved, form, setForm, dirty, errors, saving, saveError, save, evaluation, evaluate };
}

export type GroupEditor = ReturnType<typeof useGroupEditor>;
