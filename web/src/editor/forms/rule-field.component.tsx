import type { Rule } from '@switchyard/contracts';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { RuleBuilder } from '../../segments/builder/rule-builder.component';
import { emptyForm, type RuleFormState } from '../../segments/rule-form/rule-form.model';
import { ruleToForm } from '../../segments/rule-form/rule-form.read';
import { validateRuleForm } from '../../segments/rule-form/rule-form.validate';
import { describeRule } from './rule-summary';

interface Props {
  id: string;
  label: string;
  /** What the rule belongs to, e.g. the branch's label, for the dialog's title. */
  owner?: string | undefined;
  value: unknown;
  error: string | undefined;
  onChange: (rule: Rule | undefined) => void;
}

const asRule = (value: unknown): Rule | undefined =>
  typeof value === 'object' && value !== null ? (value as Rule) : undefined;

/** A segment rule: its summary, and the segment rule builder in a dialog to edit it. */
export function RuleField({ id, label, owner, value, error, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const rule = asRule(value);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <span className="field__label">{label}</span>
      <div className="rule-field">
        <span className="rule-field__summary" data-testid={`${id}-summary`}>
          {describeRule(rule)}
        </span>
        <button
          type="button"
          className="button button--small"
          data-testid={`${id}-edit`}
          onClick={() => setOpen(true)}
        >
          Edit conditions
        </button>
      </div>
      {error && (
        <p className="field__error" data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      {open &&
        // Outside the panel: its disabled fieldset and invalid styles must not reach the dialog.
        createPortal(
          <RuleDialog
            title={owner ? `Who takes “${owner}”` : label}
            rule={rule}
            onCancel={() => setOpen(false)}
            onSave={(next) => {
              onChange(next);
              setOpen(false);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

function RuleDialog(props: {
  title: string;
  rule: Rule | undefined;
  onCancel: () => void;
  onSave: (rule: Rule) => void;
}) {
  const [form, setForm] = useState<RuleFormState>(() =>
    // A new rule with one condition is stored as that condition, not wrapped in `all`.
    props.rule ? ruleToForm(props.rule) : { ...emptyForm(), implicit: true },
  );
  const [attempted, setAttempted] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const checked = validateRuleForm(form);
  const save = () => {
    setAttempted(true);
    if (checked.ok) props.onSave(checked.rule);
  };
  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide"
      data-testid="rule-dialog"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <header className="dialog__header">
        <h2>{props.title}</h2>
        <p className="muted small">Customers who match these conditions take this branch.</p>
      </header>
      <div className="dialog__body">
        <RuleBuilder
          form={form}
          errors={attempted && !checked.ok ? checked.errors : {}}
          onChange={setForm}
        />
      </div>
      <footer className="dialog__footer">
        {attempted && !checked.ok && (
          <span className="field__error">Fix the highlighted conditions first.</span>
        )}
        <button type="button" className="button button--ghost" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="rule-dialog-save"
          onClick={save}
        >
          Use these conditions
        </button>
      </footer>
    </dialog>
  );
}
