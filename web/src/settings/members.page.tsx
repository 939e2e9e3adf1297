import {
  inviteBodySchema,
  type InviteResult,
  memberRoles,
  type MemberRole,
  type MemberView,
} from '@switchyard/contracts';
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/api-client';
import { fieldErrors } from '../auth/form-errors';
import { useSessionStore } from '../auth/session.store';
import { formatDate } from '../shared/format';
import { useResource } from '../shared/use-resource.hook';
import { accessApi } from './access.api';
import { CopyBox } from './copy-box.component';
import { LoadError } from './load-error.component';
import { SettingsLayout } from './settings-tabs.component';

export const ROLE_HINTS: Record<MemberRole, string> = {
  owner: 'everything, including members, API keys and workspace settings',
  marketer: 'creates, publishes and launches segments, journeys and campaigns',
  viewer: 'reads everything, changes nothing',
};

/** Members: invite by e-mail with a role, change roles, remove (never the last owner). */
export function MembersPage() {
  const [members, reload] = useResource(() => accessApi.members(), []);
  const myId = useSessionStore((s) => (s.me?.actor.type === 'user' ? s.me.actor.id : null));
  const [error, setError] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    }
    reload();
  };

  return (
    <SettingsLayout
      current="settings-members"
      intro="Who can sign in to this workspace, and what each person may do."
    >
      <InviteForm onInvited={reload} />
      {error && (
        <p className="banner banner--error" role="alert" data-testid="members-error">
          {error}
        </p>
      )}
      {members.state === 'loading' && <p className="muted">Loading…</p>}
      {members.state === 'error' && (
        <LoadError what="members" error={members.error} onRetry={reload} />
      )}
      {members.state === 'ready' && (
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th>E-mail</th>
              <th>Role</th>
              <th>Status</th>
              <th>Last sign-in</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <MemberRow
                key={m.id}
                member={m}
                isMe={m.id === myId}
                onRole={(role) => void act(() => accessApi.changeRole(m.id, role))}
                onRemove={() => {
                  if (window.confirm(`Remove ${m.email} from the workspace?`))
                    void act(() => accessApi.removeMember(m.id));
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </SettingsLayout>
  );
}

function MemberRow({
  member,
  isMe,
  onRole,
  onRemove,
}: {
  member: MemberView;
  isMe: boolean;
  onRole: (role: MemberRole) => void;
  onRemove: () => void;
}) {
  return (
    <tr data-testid={`member-${member.email.toLowerCase()}`}>
      <td>
        {member.email}
        {isMe && <span className="muted"> (you)</span>}
      </td>
      <td>
        <select
          className="select--compact"
          aria-label={`Role of ${member.email}`}
          value={member.role}
          onChange={(e) => onRole(e.target.value as MemberRole)}
        >
          {memberRoles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span
          className={`status-chip ${member.status === 'active' ? 'status-chip--active' : 'status-chip--paused'}`}
        >
          {member.status === 'active' ? 'active' : 'invited'}
        </span>
      </td>
      <td>{member.lastSignInAt ? formatDate(member.lastSignInAt) : '—'}</td>
      <td className="table__num">
        <button
          type="button"
          className="button button--small button--danger-text"
          onClick={onRemove}
        >
          Remove
        </button>
      </td>
    </tr>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<MemberRole>('marketer');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [invited, setInvited] = useState<InviteResult | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { email, role };
    const invalid = fieldErrors(inviteBodySchema, body);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      setInvited(await accessApi.invite(inviteBodySchema.parse(body)));
      setEmail('');
      onInvited();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card settings-card">
      <h2 className="section-title">Invite someone</h2>
      <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field settings-form__grow">
          <label className="field__label" htmlFor="invite-email">
            E-mail
          </label>
          <input
            id="invite-email"
            data-testid="invite-email"
            type="email"
            placeholder="name@company.com"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          {errors['email'] && <p className="field__error">{errors['email']}</p>}
        </div>
        <div className="field">
          <label className="field__label" htmlFor="invite-role">
            Role
          </label>
          <select
            id="invite-role"
            data-testid="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as MemberRole)}
          >
            {memberRoles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="button button--primary"
          data-testid="invite"
          disabled={busy}
        >
          {busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      <p className="field__hint">
        A {role} {ROLE_HINTS[role]}.
      </p>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {invited && (
        <div className="banner banner--success" data-testid="invite-result">
          <p>
            Invited {invited.member.email} as {invited.member.role}. Send them this link (it works
            once, until {formatDate(invited.expiresAt)}); it is also e-mailed when e-mail is set up:
          </p>
          <CopyBox value={invited.link} testId="invite-link" />
        </div>
      )}
    </section>
  );
}
