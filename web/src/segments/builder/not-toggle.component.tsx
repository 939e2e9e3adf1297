interface Props {
  testId: string;
  on: boolean;
  title: string;
  onToggle: () => void;
}

/** The NOT switch of a group or condition. */
export function NotToggle({ testId, on, title, onToggle }: Props) {
  return (
    <button
      type="button"
      className={`not-toggle${on ? ' not-toggle--on' : ''}`}
      data-testid={testId}
      aria-pressed={on}
      title={title}
      onClick={onToggle}
    >
      NOT
    </button>
  );
}
