import { useState } from 'react';
import { describeError } from '../api/api-client';
import { Link } from '../app/link.component';
import { useCan } from '../auth/use-can.hook';
import { formatDate } from '../shared/format';
import { ImportPanel } from './import-panel.component';
import { SegmentChips } from './segment-chips.component';
import { PAGE_SIZE, useCustomerSearch } from './use-customer-search.hook';

/** Every customer, newest first, searchable, with segment labels next to the name. */
export function CustomersPage() {
  const s = useCustomerSearch();
  const list = s.result.state === 'ready' ? s.result.data : null;
  // Imports load data: owners only (the server refuses the others too).
  const canImport = useCan('owner');
  const [importing, setImporting] = useState(false);
  return (
    <div className="page page--wide">
      <header className="page__header">
        <div>
          <h1>Customers</h1>
          <p className="muted">
            Newest customers first. Segment labels show each customer’s current segments.
          </p>
        </div>
        {canImport && (
          <button
            type="button"
            className={importing ? 'button' : 'button button--primary'}
            data-testid="import-open"
            onClick={() => setImporting(!importing)}
          >
            {importing ? 'Close import' : 'Import…'}
          </button>
        )}
      </header>
      {importing && <ImportPanel onImported={s.reload} />}
      <div className="search-bar">
        <input
          type="search"
          className="search-bar__input"
          data-testid="customer-search"
          value={s.text}
          placeholder="Search by name, e-mail or ID"
          onChange={(e) => s.setText(e.target.value)}
          aria-label="Search customers"
          autoFocus
        />
        {s.result.state === 'loading' && <span className="muted small">Searching…</span>}
      </div>
      {s.result.state === 'error' && (
        <p className="banner banner--error" role="alert">
          Could not load customers: {describeError(s.result.error)}{' '}
          <button type="button" className="link-button" onClick={s.reload}>
            Retry
          </button>
        </p>
      )}
      {list && list.items.length === 0 && (
        <div className="empty-state" data-testid="customers-empty">
          <h2>{s.query ? `No customer matches “${s.query}”` : 'No customers yet'}</h2>
          <p className="muted">
            {s.query
              ? 'Search looks at the ID, the name and the e-mail address.'
              : 'Customers appear when events arrive through /v1/track or /v1/batch, or when you import a CSV file.'}
          </p>
        </div>
      )}
      {list && list.items.length > 0 && (
        <>
          <table className="table" data-testid="customers-table" data-query={s.query}>
            <thead>
              <tr>
                <th>Customer</th>
                <th>E-mail</th>
                <th>ID</th>
                <th>First seen</th>
                <th>Last seen</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} data-testid={`customer-row-${c.externalId}`}>
                  <td>
                    <span className="customer-cell">
                      <Link
                        to={{ page: 'customer', customerId: c.id }}
                        className="table__link customer-cell__name"
                        testId={`customer-open-${c.externalId}`}
                      >
                        {c.name ?? c.email ?? c.externalId}
                      </Link>
                      <SegmentChips
                        segments={c.segments}
                        testId={`customer-chips-${c.externalId}`}
                      />
                    </span>
                  </td>
                  <td className="muted">{c.email ?? '—'}</td>
                  <td className="mono nowrap">{c.externalId}</td>
                  <td className="muted nowrap">{formatDate(c.firstSeenAt)}</td>
                  <td className="muted nowrap">{formatDate(c.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {(s.offset > 0 || list.hasMore) && (
            <div className="pager">
              <button
                type="button"
                className="button button--small"
                disabled={s.offset === 0}
                onClick={s.previous}
              >
                ← Previous
              </button>
              <span className="muted small">
                {s.offset + 1}–{s.offset + list.items.length}
              </span>
              <button
                type="button"
                className="button button--small"
                data-testid="customers-next"
                disabled={!list.hasMore}
                onClick={s.next}
              >
                Next {PAGE_SIZE} →
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
