import { shortValue, sortedTraits } from './event-summary';

/** A customer's traits as name / value rows. */
export function TraitTable({ traits }: { traits: Record<string, unknown> }) {
  const rows = sortedTraits(traits);
  if (rows.length === 0) return <p className="muted">No traits yet.</p>;
  return (
    <table className="kv-table">
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key} data-testid={`trait-${key}`}>
            <th>{key}</th>
            <td title={typeof value === 'string' ? value : JSON.stringify(value)}>
              {shortValue(value, 80)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
