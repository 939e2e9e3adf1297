import { describeError } from '../api/api-client';
import { api } from '../app/api';
import { Link } from '../app/link.component';
import { navigate } from '../app/router';
import { listOf } from '../catalog/catalog.store';
import { useSegmentList } from '../catalog/use-catalog.hook';
import { formatDate } from '../shared/format';
import { countsByRow } from './evaluation-counts';
import { emptyMember } from './group-form.model';
import { FallbackRow } from './fallback-row.component';
import { MemberList } from './member-list.component';
import type { GroupEditor } from './use-group-editor.hook';
import { useCan } from '../auth/use-can.hook';

interface Props {
  title: string;
  editor: GroupEditor;
}

/** Name, ordered members (first match wins), fallback, save and "Evaluate now". */
export function GroupEditorView({ title, editor }: Props) {
  const segmentList = useSegmentList();
  const segments = listOf(segmentList);
  const { form, setForm, errors, evaluation, saved } = editor;
  const canEdit = useCan('marketer');
  const counts =
    evaluation.state === 'done'
      ? countsByRow(evaluation.result, form.members.length)
      : { members: [], fallback: null };
  const remove = async () => {
    if (!saved || !window.confirm(`Delete the group “${saved.name}”? Its segments stay.`)) return;
    try {
      await api.groups.remove(saved.id);
      navigate({ page: 'groups' });
    } catch (error) {
      window.alert(describeError(error));
    }
  };
  return (
    <div className="page page--wide">
      <header className="page__header">
        <div>
          <Link to={{ page: 'groups' }} className="muted small">
            ← Segment groups
          </Link>
          <h1 data-testid="group-title">{saved ? saved.name : title}</h1>
        </div>
        <div className="page__header-actions">
          {saved && (
            <Link
              to={{ page: 'movement', groupId: saved.id }}
              className="button"
              testId="group-movement"
            >
              Movement
            </Link>
          )}
          {saved && canEdit && (
            <button
              type="button"
              className="button button--ghost button--danger-text"
              data-testid="group-delete"
              onClick={() => void remove()}
            >
              Delete
            </button>
          )}
          <button
            type="button"
            className="button"
            data-testid="group-evaluate"
            disabled={!saved || editor.dirty || evaluation.state === 'running'}
            title={editor.dirty ? 'Save first' : 'Count the customers in each bucket now'}
            onClick={() => void editor.evaluate()}
          >
            {evaluation.state === 'running' ? 'Evaluating…' : 'Evaluate now'}
          </button>
          {canEdit && (
            <button
              type="button"
              className={`button${editor.dirty || !saved ? ' button--primary' : ''}`}
              data-testid="group-save"
              disabled={editor.saving || (Boolean(saved) && !editor.dirty)}
              onClick={() => void editor.save()}
            >
              {editor.saving ? 'Saving…' : editor.dirty || !saved ? 'Save group' : 'Saved'}
            </button>
          )}
        </div>
      </header>
      {editor.saveError && (
        <p className="banner banner--error" role="alert" data-testid="group-save-error">
          {editor.saveError}
        </p>
      )}
      {evaluation.state === 'error' && (
        <p className="banner banner--error" role="alert" data-testid="group-evaluate-error">
          Could not evaluate: {evaluation.message}
        </p>
      )}
      {segmentList.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load segments: {segmentList.message}
        </p>
      )}
      <div className="card group-form">
        <div className="segment-form__meta">
          <div className={`field${errors['name'] ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor="group-name">
              Name<span className="required-marker"> *</span>
            </label>
            <input
              id="group-name"
              type="text"
              data-testid="group-name"
              value={form.name}
              placeholder="e.g. Lifecycle stages"
              maxLength={120}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
            />
            {errors['name'] && <p className="field__error">{errors['name']}</p>}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="group-description">
              Description
            </label>
            <input
              id="group-description"
              type="text"
              data-testid="group-description"
              value={form.description}
              maxLength={2000}
              onChange={(e) => setForm({ ...form, description: e.target.value })}
            />
          </div>
        </div>
        <h2 className="section-title">Members</h2>
        <p className="muted small group-form__rule" data-testid="group-first-match-hint">
          Each customer is placed in <strong>exactly one</strong> bucket: segments are checked from
          top to bottom and the <strong>first one that matches wins</strong>. Drag ⠿ to change the
          order; customers who match none go to the fallback.
        </p>
        {evaluation.state === 'done' && (
          <p className="muted small" data-testid="group-evaluated-at">
            {evaluation.result.total.toLocaleString()} customers as of{' '}
            {formatDate(evaluation.result.asOf)}
          </p>
        )}
        <div className="member member--header" aria-hidden>
          <span />
          <span>#</span>
          <span>Segment</span>
          <span>Label in this group</span>
          <span>Colour</span>
          <span>Shown as</span>
          <span>When it grows</span>
          <span>Customers</span>
          <span />
        </div>
        <MemberList
          form={form}
          segments={segments}
          errors={errors}
          counts={counts.members}
          onChange={setForm}
        />
        {errors['members'] && <p className="field__error">{errors['members']}</p>}
        <button
          type="button"
          className="button button--small group-form__add"
          data-testid="group-add-member"
          onClick={() => setForm({ ...form, members: [...form.members, emptyMember()] })}
        >
          + Add segment
        </button>
        <FallbackRow
          fallback={form.fallback}
          error={errors['fallback.label']}
          count={counts.fallback}
          onChange={(fallback) => setForm({ ...form, fallback })}
        />
      </div>
    </div>
  );
}
