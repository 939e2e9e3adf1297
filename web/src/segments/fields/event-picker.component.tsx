import type { CatalogEvent } from '@switchyard/contracts';
import { eventOptions } from './field-options';
import { FieldPicker } from './field-picker.component';

interface Props {
  testId: string;
  value: string;
  events: readonly CatalogEvent[];
  invalid: boolean;
  placeholder?: string;
  onChange: (event: string) => void;
}

/** The event name of an event condition, with the events seen in the workspace offered. */
export function EventPicker({ testId, value, events, invalid, placeholder, onChange }: Props) {
  return (
    <FieldPicker
      testId={`${testId}-event`}
      label="event"
      value={value}
      options={eventOptions(events)}
      placeholder={placeholder ?? 'event, e.g. Order Completed'}
      invalid={invalid}
      onChange={onChange}
    />
  );
}
