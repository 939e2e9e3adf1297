import { type ReactNode, useState } from 'react';
import { describeError } from '../api/api-client';
import { FormError } from '../shared/form.component';

/**
 * A settings card's list of things with a remove button each: asks first (the question
 * says what removing breaks), removes, shows why it could not, and reloads either way.
 */
export function RemovableList<T>(props: {
  items: readonly T[];
  /** A stable key, also the item's name in test ids (`<testId>-<key>`, `remove-<testId>-<key>`). */
  keyOf: (item: T) => string;
  testId: string;
  children: (item: T) => ReactNode;
  buttonLabel: string;
  question: (item: T) => string;
  remove: (item: T) => Promise<unknown>;
  onRemoved: () => void;
}) {
  const { items, keyOf, testId, children, buttonLabel, question, remove, onRemoved } = props;
  const [error, setError] = useState<string | null>(null);
  const onRemove = async (item: T) => {
    if (!window.confirm(question(item))) return;
    setError(null);
    try {
      await remove(item);
    } catch (e) {
      setError(describeError(e));
    }
    onRemoved();
  };
  return (
    <>
      <ul className="secret-list" data-testid={`${testId}-list`}>
        {items.map((item) => (
          <li
            key={keyOf(item)}
            className="secret-list__item"
            data-testid={`${testId}-${keyOf(item)}`}
          >
            {children(item)}
            <button
              type="button"
              className="button button--small button--danger-text"
              data-testid={`remove-${testId}-${keyOf(item)}`}
              onClick={() => void onRemove(item)}
            >
              {buttonLabel}
            </button>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </>
  );
}
