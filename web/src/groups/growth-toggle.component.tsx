interface Props {
  testId: string;
  good: boolean;
  onChange: (good: boolean) => void;
}

/** Whether more customers here is good news (distribution charts colour it so). */
export function GrowthToggle({ testId, good, onChange }: Props) {
  return (
    <select
      className={`growth growth--${good ? 'good' : 'bad'}`}
      data-testid={testId}
      value={good ? 'good' : 'bad'}
      onChange={(e) => onChange(e.target.value === 'good')}
      aria-label="when this group grows"
      title="When this group grows, is it good or bad news?"
    >
      <option value="good">▲ more is good</option>
      <option value="bad">▼ fewer is good</option>
    </select>
  );
}
