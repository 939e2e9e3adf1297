import type { CatalogEvent, CatalogField } from '@switchyard/contracts';
import { formatCount } from '../../shared/format';
import { catalogTypeLabels } from '../rule-form/rule-labels';
import type { PickerOption } from './field-picker.component';

/** Suggestions for pickers, from the catalog. */

const sampleText = (samples: CatalogField['samples']) =>
  samples
    .slice(0, 3)
    .map((s) => String(s))
    .join(', ');

export function fieldOptions(fields: readonly CatalogField[]): PickerOption[] {
  return fields.map((f) => {
    const samples = sampleText(f.samples);
    return {
      value: f.name,
      hint: samples ? `${catalogTypeLabels[f.type]} · e.g. ${samples}` : catalogTypeLabels[f.type],
    };
  });
}

export function eventOptions(events: readonly CatalogEvent[]): PickerOption[] {
  return events.map((e) => ({
    value: e.name,
    hint: `${formatCount(e.count)}${e.capped ? '+' : ''} events`,
  }));
}

export function sampleOptions(field: CatalogField | undefined): PickerOption[] {
  return (field?.samples ?? [])
    .filter((s): s is string => typeof s === 'string')
    .map((s) => ({ value: s }));
}

export function findField(fields: readonly CatalogField[], name: string): CatalogField | undefined {
  const trimmed = name.trim();
  return fields.find((f) => f.name === trimmed);
}
