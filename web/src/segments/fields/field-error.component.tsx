/** The first of several errors, under a condition row. */
export function FieldErrors({
  errors,
  testId,
}: {
  errors: readonly (string | undefined)[];
  testId: string;
}) {
  const messages = errors.filter((e): e is string => Boolean(e));
  if (messages.length === 0) return null;
  return (
    <ul className="condition__errors" data-testid={testId} role="alert">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}
