import type { FormErrors, RuleFormState } from '../rule-form/rule-form.model';
import { replaceNode } from '../rule-form/rule-form.update';
import { GroupView } from './group.component';

interface Props {
  form: RuleFormState;
  errors: FormErrors;
  onChange: (form: RuleFormState) => void;
}

/** The whole rule: nested ALL / ANY groups of typed conditions. */
export function RuleBuilder({ form, errors, onChange }: Props) {
  return (
    <div className="rule-builder">
      <GroupView
        group={form}
        path={[]}
        errors={errors}
        onChange={(node) => onChange(replaceNode(form, node))}
      />
    </div>
  );
}
