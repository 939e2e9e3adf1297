import { useState } from 'react';
import { formatDate } from '../shared/format';
import { Pager } from '../shared/pager.component';
import { useResource } from '../shared/use-resource.hook';
import { accessApi } from './access.api';
import { describeAuditEntry } from './audit-labels';
import { LoadError } from './load-error.component';
import { SettingsLayout } from './settings-tabs.component';

const PAGE_SIZE = 50;

/** Who did what, newest first, a page at a time. */
export function AuditLogPage() {
  const [offset, setOffset] = useState(0);
  const [log, reload] = useResource(() => accessApi.auditLog(PAGE_SIZE, offset), [offset]);
  return (
    <SettingsLayout
      current="settings-audit"
      intro="Publishes, launches, deletions, keys, members and sign-ins, newest first."
    >
      {log.state === 'loading' && <p className="muted">Loading…</p>}
      {log.state === 'error' && (
        <LoadError what="the audit log" error={log.error} onRetry={reload} />
      )}
      {log.state === 'ready' && log.data.entries.length === 0 && (
        <div className="empty-state">
          <h2>Nothing yet</h2>
          <p>Publishing a journey, launching a campaign or inviting someone shows up here.</p>
        </div>
      )}
      {log.state === 'ready' && log.data.entries.length > 0 && (
        <>
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {log.data.entries.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="audit__when">{formatDate(e.at)}</td>
                  <td>
                    {e.actor.label}
                    {e.actor.type === 'api_key' && <span className="scope-chip">key</span>}
                  </td>
                  <td>{describeAuditEntry(e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            offset={offset}
            pageSize={PAGE_SIZE}
            shown={log.data.entries.length}
            total={log.data.total}
            onOffset={setOffset}
          />
        </>
      )}
    </SettingsLayout>
  );
}
