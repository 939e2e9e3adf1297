import type { ImportReport } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { describeImport, describeProgress, formatBytes, importType } from './import-file.util';

const report = (counts: Partial<ImportReport>): ImportReport => ({
  id: 'i',
  status: 'completed',
  linesRead: 0,
  customersUpserted: 0,
  eventsInserted: 0,
  duplicatesSkipped: 0,
  invalidLines: 0,
  errors: [],
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:00:01Z',
  ...counts,
});

describe('importType', () => {
  it('goes by the extension, then by the type the browser gives', () => {
    expect(importType({ name: 'Customers.CSV', type: '' })).toBe('text/csv');
    expect(importType({ name: 'events.ndjson', type: '' })).toBe('application/x-ndjson');
    expect(importType({ name: 'events.jsonl', type: 'text/plain' })).toBe('application/x-ndjson');
    expect(importType({ name: 'export', type: 'text/csv' })).toBe('text/csv');
    expect(importType({ name: 'list.xlsx', type: 'application/vnd.ms-excel' })).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads like a file picker', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1234)).toBe('1.2 kB');
    expect(formatBytes(45_600_000)).toBe('46 MB');
    expect(formatBytes(3_200_000_000_000)).toBe('3200 GB');
  });
});

describe('describeImport', () => {
  it('says what was stored, and what was skipped only when something was', () => {
    const fourLines = report({ linesRead: 4, customersUpserted: 3, eventsInserted: 3 });
    expect(describeImport(fourLines, 'application/x-ndjson')).toBe(
      '4 lines read, 3 customers added or updated, 3 events stored.',
    );
    // A CSV's lines count its header, as its errors' line numbers do.
    expect(describeImport(fourLines, 'text/csv')).toBe(
      '4 lines read (the header included), 3 customers added or updated, 3 events stored.',
    );
    expect(
      describeImport(
        report({
          linesRead: 1,
          customersUpserted: 1,
          eventsInserted: 1,
          duplicatesSkipped: 2,
          invalidLines: 1,
        }),
        'application/x-ndjson',
      ),
    ).toBe(
      '1 line read, 1 customer added or updated, 1 event stored, 2 repeats skipped (message id seen before), 1 invalid line skipped.',
    );
  });
});

describe('describeProgress', () => {
  it('gives the share sent, then says the import is being finished', () => {
    expect(describeProgress(21_000_000, 46_000_000)).toBe('Importing: 45% (21 MB of 46 MB)');
    expect(describeProgress(0, 1234)).toBe('Importing: 0% (0 B of 1.2 kB)');
    expect(describeProgress(46_000_000, 46_000_000)).toBe('All sent: finishing the import…');
  });
});
