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
import { FormError, InputField, SelectField, SubmitButton } from '../shared/form.component';
import { formatDate } from '../shared/format';
import { useFormSubmit } from '../shared/use-form-submit.hook';
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
  const [invited, setInvited] = useState<InviteResult | null>(null);
  const form = useFormSubmit();

  const submit = (event: FormEvent) => {
    const body = { email, role };
    form.submit(event, fieldErrors(inviteBodySchema, body), async () => {
      setInvited(await accessApi.invite(inviteBodySchema.parse(body)));
      setEmail('');
      onInvited();
    });
  };

  return (
    <section className="card settings-card">
      <h2 className="section-title">Invite someone</h2>
      <form className="settings-form" onSubmit={submit} noValidate>
        <InputField
          id="invite-email"
          label="E-mail"
          type="email"
          placeholder="name@company.com"
          value={email}
          onChange={setEmail}
          error={form.errors['email']}
          grow
        />
        <SelectField
          id="invite-role"
          label="Role"
          value={role}
          options={memberRoles}
          onChange={setRole}
        />
        <SubmitButton busy={form.busy} label="Invite" busyLabel="Inviting…" testId="invite" />
      </form>
      <p className="field__hint">
        A {role} {ROLE_HINTS[role]}.
      </p>
      <FormError error={form.error} />
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
