import {
  nodeErrorKey,
  RULE_ERROR_KEY,
  type Combinator,
  type FormErrors,
  type FormNode,
  type GroupNode,
} from '../rule-form/rule-form.model';
import { combinatorLabels } from '../rule-form/rule-labels';
import { addCondition, addGroup, removeNode } from '../rule-form/rule-form.update';
import { ConditionRowView } from './condition-row.component';
import { NotToggle } from './not-toggle.component';

interface Props {
  group: GroupNode;
  /** Position in the tree: [] for the root, [1, 0] for the first item of the second. */
  path: number[];
  errors: FormErrors;
  onChange: (node: FormNode) => void;
  onRemove?: (key: string) => void;
}

const COMBINATORS: Combinator[] = ['all', 'any'];

/** data-testid prefix of a node: the root group keeps the form's historical ids. */
export const groupTestId = (path: readonly number[]) =>
  path.length === 0 ? 'segment' : `group-${path.join('-')}`;

/** Match ALL / ANY (or NOT) of conditions and sub-groups. */
export function GroupView({ group, path, errors, onChange, onRemove }: Props) {
  const t = groupTestId(path);
  const isRoot = path.length === 0;
  const joiner = group.combinator === 'all' ? 'and' : 'or';
  const error = isRoot ? errors[RULE_ERROR_KEY] : errors[nodeErrorKey(group, 'group')];
  return (
    <div
      className={`group${isRoot ? ' group--root' : ''}${group.negate ? ' group--negated' : ''}`}
      data-testid={isRoot ? 'group-root' : t}
      data-combinator={group.combinator}
    >
      <div className="group__head">
        <NotToggle
          testId={`${t}-not`}
          on={group.negate}
          title="Match customers who do NOT match this group"
          onToggle={() => onChange({ ...group, negate: !group.negate })}
        />
        <span>Match</span>
        <div className="segmented" role="group" aria-label="Match all or any">
          {COMBINATORS.map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={group.combinator === c}
              data-testid={`${t}-combinator-${c}`}
              className={group.combinator === c ? 'segmented__on' : undefined}
              onClick={() => onChange({ ...group, combinator: c })}
            >
              {combinatorLabels[c].label}
            </button>
          ))}
        </div>
        <span className="muted">
          {group.negate ? 'excluding ' : ''}
          {combinatorLabels[group.combinator].hint}
        </span>
        <span className="group__spacer" />
        {onRemove && (
          <button
            type="button"
            className="icon-button"
            data-testid={`${t}-remove`}
            onClick={() => onRemove(group.key)}
            aria-label="Remove group"
            title="Remove group"
          >
            ×
          </button>
        )}
      </div>
      {group.children.length === 0 && (
        <p className="muted group__empty">
          {group.combinator === 'all'
            ? 'No conditions: every customer matches.'
            : 'No conditions: no customer matches.'}
        </p>
      )}
      <ol className="group__children">
        {group.children.map((child, index) => (
          <li key={child.key} className="group__item">
            {index > 0 && (
              <span className="group__joiner" aria-hidden>
                {joiner}
              </span>
            )}
            <ChildView
              node={child}
              path={[...path, index]}
              errors={errors}
              onChange={onChange}
              onRemove={(key) => onChange(removeNode(group, key))}
            />
          </li>
        ))}
      </ol>
      {error && (
        <p className="field__error" data-testid={`${t}-rule-error`}>
          {error}
        </p>
      )}
      <div className="group__actions">
        <button
          type="button"
          className="button button--small"
          data-testid={`${t}-add-condition`}
          onClick={() => onChange(addCondition(group))}
        >
          + Add condition
        </button>
        <button
          type="button"
          className="button button--small button--ghost"
          data-testid={`${t}-add-group`}
          onClick={() => onChange(addGroup(group))}
          title={`Add a group of conditions joined by ${group.combinator === 'all' ? 'OR' : 'AND'}`}
        >
          + Add {group.combinator === 'all' ? 'ANY' : 'ALL'} group
        </button>
      </div>
    </div>
  );
}

function ChildView({
  node,
  path,
  errors,
  onChange,
  onRemove,
}: {
  node: FormNode;
  path: number[];
  errors: FormErrors;
  onChange: (node: FormNode) => void;
  onRemove: (key: string) => void;
}) {
  if (node.type === 'group')
    return (
      <GroupView group={node} path={path} errors={errors} onChange={onChange} onRemove={onRemove} />
    );
  return (
    <ConditionRowView
      testId={`condition-${path.join('-')}`}
      row={node}
      errors={errors}
      onChange={onChange}
      onRemove={() => onRemove(node.key)}
    />
  );
}
