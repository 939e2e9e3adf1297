import { describe, expect, it } from 'vitest';
import { autoLayout, DEFAULT_NODE_HEIGHT, DEFAULT_NODE_WIDTH, overlaps } from './auto-layout';

const at = (id: string, x = 0, y = 0) => ({ id, position: { x, y } });
const box = (p: { x: number; y: number }) => ({
  ...p,
  width: DEFAULT_NODE_WIDTH,
  height: DEFAULT_NODE_HEIGHT,
});

describe('auto layout', () => {
  // Everything piled up at the origin, as after a few clicks on an empty canvas.
  const nodes = ['trigger', 'split', 'email_a', 'wait', 'email_b', 'orphan'].map((id) => at(id));
  nodes[0] = at('trigger', 100, 50);
  const edges = [
    { source: 'trigger', target: 'split' },
    { source: 'split', sourceHandle: 'a', target: 'email_a' },
    { source: 'split', sourceHandle: 'b', target: 'wait' },
    { source: 'wait', target: 'email_b' },
  ];
  const positions = autoLayout(nodes, edges, {
    anchorId: 'trigger',
    outputOrder: { split: ['a', 'b', 'holdout'] },
  });

  it('keeps the trigger in place and moves the others', () => {
    expect(positions['trigger']).toEqual({ x: 100, y: 50 });
    expect(Object.keys(positions).sort()).toEqual(nodes.map((n) => n.id).sort());
    expect(positions['split']).not.toEqual({ x: 0, y: 0 });
  });

  it('puts each step below what leads to it, branches side by side in output order', () => {
    const y = (id: string) => positions[id]?.y ?? NaN;
    const x = (id: string) => positions[id]?.x ?? NaN;
    expect(y('split')).toBeGreaterThan(y('trigger'));
    expect(y('email_a')).toBeGreaterThan(y('split'));
    expect(y('email_a')).toBe(y('wait'));
    expect(y('email_b')).toBeGreaterThan(y('wait'));
    expect(x('email_a')).toBeLessThan(x('wait'));
  });

  it('leaves no two steps overlapping', () => {
    const ids = Object.keys(positions);
    for (const a of ids)
      for (const b of ids)
        if (a < b)
          expect(overlaps(box(positions[a]!), box(positions[b]!)), `${a}/${b}`).toBe(false);
  });

  it('uses measured sizes', () => {
    const tall = autoLayout(
      [
        { ...at('t'), height: 300 },
        { ...at('n'), height: 50 },
      ],
      [{ source: 't', target: 'n' }],
    );
    expect((tall['n']?.y ?? 0) - (tall['t']?.y ?? 0)).toBeGreaterThanOrEqual(300);
  });
});
