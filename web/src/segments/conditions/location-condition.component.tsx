import {
  locationLevels,
  locationOps,
  locationTraitPaths,
  type LocationLevel,
  type LocationOp,
} from '@switchyard/contracts';
import { listOf } from '../../catalog/catalog.store';
import { useTraits } from '../../catalog/use-catalog.hook';
import { FieldErrors } from '../fields/field-error.component';
import { findField } from '../fields/field-options';
import type { LocationRow } from '../rule-form/rule-form.model';
import { locationLevelLabels, locationOpLabels } from '../rule-form/rule-labels';
import { fieldError, type ConditionProps } from './condition-props';

/** "<city> is one of <Seoul, Busan>": read from the trait or the identify address. */
export function LocationCondition({ testId, row, errors, onChange }: ConditionProps<LocationRow>) {
  const traits = listOf(useTraits());
  const err = fieldError(errors, row);
  const samples = locationTraitPaths[row.level]
    .flatMap((path) => findField(traits, path)?.samples ?? [])
    .filter((s): s is string => typeof s === 'string');
  return (
    <>
      <div className="condition__fields">
        <select
          data-testid={`${testId}-level`}
          value={row.level}
          onChange={(e) => onChange({ ...row, level: e.target.value as LocationLevel })}
          aria-label="location level"
        >
          {locationLevels.map((level) => (
            <option key={level} value={level}>
              {locationLevelLabels[level]}
            </option>
          ))}
        </select>
        <select
          className="select--compact"
          data-testid={`${testId}-op`}
          value={row.op}
          onChange={(e) => onChange({ ...row, op: e.target.value as LocationOp })}
          aria-label="operator"
        >
          {locationOps.map((op) => (
            <option key={op} value={op}>
              {locationOpLabels[op]}
            </option>
          ))}
        </select>
        <input
          type="text"
          className={`input--picker ${err('places') ? 'input--invalid' : ''}`}
          data-testid={`${testId}-places`}
          value={row.places}
          placeholder={
            samples.length > 0 ? `e.g. ${samples.slice(0, 2).join(', ')}` : 'Seoul, Busan'
          }
          onChange={(e) => onChange({ ...row, places: e.target.value })}
          aria-label="places, separated by commas"
        />
        <span className="muted small">separate places with commas; case is ignored</span>
      </div>
      <FieldErrors
        testId={`${testId}-errors`}
        errors={[err('places') && `Places ${err('places')}`, err('row')]}
      />
    </>
  );
}
