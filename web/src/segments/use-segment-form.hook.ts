import { createSegmentBodySchema, type Rule, type SegmentPreview } from '@switchyard/contracts';
import { useMemo, useState } from 'react';
import { ApiError, describeError } from '../api/api-client';
import { api } from '../app/api';
import {
  emptyForm,
  RULE_ERROR_KEY,
  type FormErrors,
  type RuleFormState,
} from './rule-form/rule-form.model';
import {
  issuePathToErrorKey,
  parseFieldPath,
  validateRuleForm,
} from './rule-form/rule-form.validate';

export type PreviewState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; preview: SegmentPreview }
  | { state: 'error'; message: string };

export interface SegmentFormErrors {
  name?: string;
  color?: string;
  rule: FormErrors;
}

function validate(
  name: string,
  color: string,
  form: RuleFormState,
): { errors: SegmentFormErrors; rule: Rule | null } {
  const ruleResult = validateRuleForm(form);
  const errors: SegmentFormErrors = { rule: ruleResult.ok ? {} : ruleResult.errors };
  const body = createSegmentBodySchema.safeParse({
    name,
    color,
    rule: ruleResult.ok ? ruleResult.rule : { all: [] },
  });
  if (!body.success)
    for (const issue of body.error.issues) {
      if (issue.path[0] === 'name') errors.name ??= issue.message;
      if (issue.path[0] === 'color') errors.color ??= issue.message;
    }
  return { errors, rule: ruleResult.ok ? ruleResult.rule : null };
}

function hasErrors(errors: SegmentFormErrors): boolean {
  return Boolean(errors.name || errors.color || Object.keys(errors.rule).length > 0);
}

/** State, client-side validation (contracts' schemas), preview and save of a new segment. */
export function useSegmentForm(initialColor: string, onSaved: () => void) {
  const [name, setName] = useState('');
  const [color, setColor] = useState(initialColor);
  const [form, setForm] = useState<RuleFormState>(emptyForm);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<SegmentFormErrors | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ state: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const checked = useMemo(() => validate(name, color, form), [name, color, form]);
  const shown: SegmentFormErrors = attempted ? checked.errors : { rule: {} };
  const errors: SegmentFormErrors = serverErrors
    ? {
        name: shown.name ?? serverErrors.name,
        color: shown.color ?? serverErrors.color,
        rule: { ...serverErrors.rule, ...shown.rule },
      }
    : shown;

  const edit =
    <T>(setter: (v: T) => void) =>
    (value: T) => {
      setter(value);
      setServerErrors(null);
    };

  const runPreview = async () => {
    setAttempted(true);
    if (!checked.rule) return;
    setPreview({ state: 'loading' });
    try {
      setPreview({
        state: 'done',
        preview: await api.segments.preview({ rule: checked.rule, sampleSize: 10 }),
      });
    } catch (error) {
      setPreview({ state: 'error', message: describeError(error) });
    }
  };

  const save = async () => {
    setAttempted(true);
    setSaveError(null);
    if (!checked.rule || hasErrors(checked.errors)) return;
    setSaving(true);
    try {
      await api.segments.create({ name: name.trim(), color, rule: checked.rule });
      onSaved();
    } catch (error) {
      setSaving(false);
      setSaveError(describeError(error));
      if (error instanceof ApiError) setServerErrors(mapServerIssues(error, form));
    }
  };

  return {
    name,
    setName: edit(setName),
    color,
    setColor: edit(setColor),
    form,
    setForm: edit(setForm),
    errors,
    preview,
    saving,
    saveError,
    runPreview,
    save,
  };
}

function mapServerIssues(error: ApiError, form: RuleFormState): SegmentFormErrors {
  const mapped: SegmentFormErrors = { rule: {} };
  for (const issue of error.issues) {
    const path = parseFieldPath(issue.field);
    if (path[0] === 'name') mapped.name ??= issue.message;
    else if (path[0] === 'color') mapped.color ??= issue.message;
    else if (path[0] === 'rule')
      mapped.rule[issuePathToErrorKey(form, path.slice(1))] ??= issue.message;
    else mapped.rule[RULE_ERROR_KEY] ??= `${issue.field}: ${issue.message}`;
  }
  return mapped;
}
