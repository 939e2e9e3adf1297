import type { ImportReport } from '@switchyard/contracts';
import { type FormEvent, useState } from 'react';
import { ApiError, type ApiIssue, describeError } from '../api/api-client';
import { api } from '../app/api';
import { FormError, FormField, SubmitButton } from '../shared/form.component';
import { useFormSubmit } from '../shared/use-form-submit.hook';
import {
  describeImport,
  describeProgress,
  formatBytes,
  type ImportType,
  importType,
} from './import-file.util';

/** The refused lines shown at most: the server reports the first 100. */
const SHOWN_ISSUES = 10;

type Outcome =
  | { kind: 'imported'; fileName: string; type: ImportType; report: ImportReport }
  | { kind: 'refused'; fileName: string; issues: readonly ApiIssue[] };

/**
 * Uploads a CSV or NDJSON file to POST /api/imports (the whole file lands or nothing,
 * unless invalid lines are skipped) and says what was stored, or which lines were wrong.
 */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const form = useFormSubmit();
  const type = file ? importType(file) : null;

  const submit = (event: FormEvent) => {
    setOutcome(null);
    const check: Record<string, string> = !file
      ? { file: 'choose a file' }
      : !type
        ? { file: 'choose a .csv, .ndjson or .jsonl file' }
        : {};
    form.submit(event, check, async () => {
      if (!file || !type) return;
      setProgress({ sent: 0, total: file.size });
      try {
        const report = await api.imports.upload(file, type, skipInvalid, (sent, total) =>
          setProgress({ sent, total }),
        );
        setOutcome({ kind: 'imported', fileName: file.name, type, report });
        onImported();
      } catch (error) {
        if (!(error instanceof ApiError) || error.issues.length === 0) throw error;
        setOutcome({ kind: 'refused', fileName: file.name, issues: error.issues });
      } finally {
        setProgress(null);
      }
    });
  };

  return (
    <section className="card settings-card import-panel" data-testid="import-panel">
      <h2 className="section-title">Import customers or events</h2>
      <p className="muted small">
        A CSV file whose first row names the columns: <code>userId</code> and traits for customers;{' '}
        <code>userId</code>, <code>event</code>, optional <code>timestamp</code> and properties for
        events. Or NDJSON, one identify or track message per line. The whole file is imported, or
        nothing.
      </p>
      <form onSubmit={submit} noValidate>
        <FormField
          id="import-file"
          label="File"
          error={form.errors['file']}
          hint={file ? `${file.name}, ${formatBytes(file.size)}` : undefined}
        >
          <input
            id="import-file"
            data-testid="import-file"
            type="file"
            accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setOutcome(null);
            }}
          />
        </FormField>
        <label className="choice import-panel__skip">
          <input
            type="checkbox"
            data-testid="import-skip-invalid"
            checked={skipInvalid}
            onChange={(e) => setSkipInvalid(e.target.checked)}
          />
          Skip invalid lines and import the rest (they are listed afterwards)
        </label>
        <SubmitButton
          busy={form.busy}
          label="Import"
          busyLabel={file ? `Importing ${formatBytes(file.size)}…` : 'Importing…'}
          testId="import-submit"
        />
      </form>
      {progress && (
        <div className="import-panel__progress" data-testid="import-progress" role="status">
          <progress max={progress.total} value={progress.sent} />
          <span className="muted small">{describeProgress(progress.sent, progress.total)}</span>
        </div>
      )}
      <FormError error={form.error} testId="import-error" />
      {outcome && <ImportOutcome outcome={outcome} />}
    </section>
  );
}

function ImportOutcome({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case 'imported': {
      const { report } = outcome;
      return (
        <div className="banner banner--success" data-testid="import-result" role="status">
          <strong>Imported {outcome.fileName}:</strong> {describeImport(report, outcome.type)}
          <IssueList
            issues={report.errors.map((e) => ({
              field: `line ${e.line}: ${e.field}`,
              message: e.message,
            }))}
          />
        </div>
      );
    }
    case 'refused': {
      // A file that cannot be read at all (no userId column, an open quote) is not skippable.
      const wholeFile = outcome.issues.some((issue) => issue.field.endsWith('(file)'));
      return (
        <div className="banner banner--error" data-testid="import-refused" role="alert">
          <strong>Nothing was imported from {outcome.fileName}.</strong>{' '}
          {wholeFile ? 'Fix the file:' : 'Fix these lines, or tick “Skip invalid lines”:'}
          <IssueList issues={outcome.issues} />
        </div>
      );
    }
    default: {
      const never: never = outcome;
      throw new Error(`unknown import outcome ${describeError(never)}`);
    }
  }
}

function IssueList({ issues }: { issues: readonly ApiIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="import-panel__issues" data-testid="import-issues">
      {issues.slice(0, SHOWN_ISSUES).map((issue, i) => (
        <li key={i}>
          <span className="mono">{issue.field}</span> {issue.message}
        </li>
      ))}
      {issues.length > SHOWN_ISSUES && (
        <li className="muted">and {issues.length - SHOWN_ISSUES} more</li>
      )}
    </ul>
  );
}
