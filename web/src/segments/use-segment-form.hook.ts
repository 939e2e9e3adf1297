import { createSegmentBodySchema, type Rule, type SegmentView } from '@switchyard/contracts';
import { useMemo, useState } from 'react';
import { ApiError, describeError } from '../api/api-client';
import { api } from '../app/api';
import { useLivePreview } from './preview/use-live-preview.hook';
import { firstErrorText } from './rule-form/rule-form.errors';
import { RULE_ERROR_KEY, type FormErrors, type RuleFormState } from './rule-form/rule-form.model';
import type { NodePath } from './rule-form/rule-form.convert';
import { locateIssue, parseFieldPath, validateRuleForm } from './rule-form/rule-form.validate';

export interface SegmentFormErrors {
  name?: string;
  color?: string;
  rule: FormErrors;
}

/** What the form starts from: a new segment, or the one being edited. */
export interface SegmentFormInit {
  segmentId: string | null;
  name: string;
  color: string;
  form: RuleFormState;
}

function validate(name: string, color: string, form: RuleFormState) {
  const ruleResult = validateRuleForm(form);
  const errors: SegmentFormErrors = { rule: ruleResult.ok ? {} : ruleResult.errors };
  const body = createSegmentBodySchema.safeParse({ name, color, rule: { all: [] } });
  if (!body.success)
    for (const issue of body.error.issues) {
      if (issue.path[0] === 'name') errors.name ??= issue.message;
      if (issue.path[0] === 'color') errors.color ??= issue.message;
    }
  const rule: Rule | null = ruleResult.ok ? ruleResult.rule : null;
  return { errors, rule, paths: ruleResult.paths };
}

function hasErrors(errors: SegmentFormErrors): boolean {
  return Boolean(errors.name || errors.color || Object.keys(errors.rule).length > 0);
}

/**
 * State, client-side validation (the contracts' schemas), live preview and save of a
 * segment, new or existing.
 */
export function useSegmentForm(init: SegmentFormInit, onSaved: (segment: SegmentView) => void) {
  const [name, setName] = useState(init.name);
  const [color, setColor] = useState(init.color);
  const [form, setForm] = useState<RuleFormState>(init.form);
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<SegmentFormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const checked = useMemo(() => validate(name, color, form), [name, color, form]);
  const nodeOrder = useMemo(() => checked.paths.map((p) => p.node.key), [checked.paths]);
  const live = useLivePreview(checked.rule, firstErrorText(checked.errors.rule, nodeOrder) ?? '');
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

  const save = async () => {
    setAttempted(true);
    setSaveError(null);
    if (!checked.rule || hasErrors(checked.errors)) return;
    setSaving(true);
    const body = { name: name.trim(), color, rule: checked.rule };
    try {
      const saved = init.segmentId
        ? await api.segments.update(init.segmentId, body)
        : await api.segments.create(body);
      setSaving(false);
      onSaved(saved);
    } catch (error) {
      setSaving(false);
      setSaveError(describeError(error));
      if (error instanceof ApiError) setServerErrors(mapServerIssues(error, checked.paths));
    }
  };

  return {
    segmentId: init.segmentId,
    name,
    setName: edit(setName),
    color,
    setColor: edit(setColor),
    form,
    setForm: edit(setForm),
    errors,
    preview: live.preview,
    refreshPreview: () => {
      setAttempted(true);
      live.refresh();
    },
    saving,
    saveError,
    save,
  };
}

export type SegmentForm = ReturnType<typeof useSegmentForm>;

function mapServerIssues(error: ApiError, paths: readonly NodePath[]): SegmentFormErrors {
  const mapped: SegmentFormErrors = { rule: {} };
  for (const issue of error.issues) {
    const path = parseFieldPath(issue.field);
    if (path[0] === 'name') mapped.name ??= issue.message;
    else if (path[0] === 'color') mapped.color ??= issue.message;
    else if (path[0] === 'rule')
      mapped.rule[locateIssue(paths, path.slice(1)).key] ??= issue.message;
    else mapped.rule[RULE_ERROR_KEY] ??= `${issue.field}: ${issue.message}`;
  }
  return mapped;
}
