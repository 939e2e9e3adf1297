import type { ImportReport } from '@switchyard/contracts';
import { formatCount } from '../shared/format';

/** What POST /api/imports takes, by the file's name (or its type when the name says nothing). */
export type ImportType = 'text/csv' | 'application/x-ndjson';

export function importType(file: { name: string; type: string }): ImportType | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (file.type === 'text/csv') return 'text/csv';
  if (file.type === 'application/x-ndjson' || file.type === 'application/jsonl')
    return 'application/x-ndjson';
  return null;
}

/** 1,234 bytes -> "1.2 kB", as a file picker shows sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * One sentence on what an import stored and skipped. Lines are the file's, numbered as its
 * errors are: a CSV's count its header (and a quoted cell may span lines), so it says so.
 */
export function describeImport(report: ImportReport, type: ImportType): string {
  const header = type === 'text/csv' && report.linesRead > 0 ? ' (the header included)' : '';
  const parts = [
    `${plural(report.linesRead, 'line')} read${header}`,
    `${plural(report.customersUpserted, 'customer')} added or updated`,
    `${plural(report.eventsInserted, 'event')} stored`,
  ];
  if (report.duplicatesSkipped > 0)
    parts.push(`${plural(report.duplicatesSkipped, 'repeat')} skipped (message id seen before)`);
  if (report.invalidLines > 0) parts.push(`${plural(report.invalidLines, 'invalid line')} skipped`);
  return `${parts.join(', ')}.`;
}

/**
 * How far an upload has got. The server imports the file as it arrives, so the bytes sent
 * are the import's progress; once all are sent it commits.
 */
export function describeProgress(sent: number, total: number): string {
  if (total <= 0 || sent >= total) return 'All sent: finishing the import…';
  const percent = Math.floor((sent / total) * 100);
  return `Importing: ${percent}% (${formatBytes(sent)} of ${formatBytes(total)})`;
}
