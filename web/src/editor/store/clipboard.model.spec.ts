import { describe, expect, it } from 'vitest';
import type { EditorNode } from '../serialization/editor-graph.types';
import { newEdge } from '../serialization/graph-serialization';
import { copySelection, pasteClipboard } from './clipboard.model';

const node = (id: string, nodeType: string, x = 0, y = 0): EditorNode => ({
  id,
  type: 'journey',
  position: { x, y },
  data: { nodeType, config: { subject: id } },
});

const nodes = [
  node('trigger', 'trigger'),
  node('wait_1', 'wait', 0, 160),
  node('send_email_1', 'send_email', 0, 320),
  node('exit_1', 'exit', 0, 480),
];
const edges = [
  newEdge('trigger', 'next', 'wait_1'),
  newEdge('wait_1', 'next', 'send_email_1'),
  newEdge('send_email_1', 'next', 'exit_1'),
];

describe('copy and paste', () => {
  it('copies the selected steps with the edges between them, never the trigger', () => {
    const clip = copySelection(nodes, edges, new Set(['trigger', 'wait_1', 'send_email_1']));
    expect(clip?.nodes.map((n) => n.id)).toEqual(['wait_1', 'send_email_1']);
    expect(clip?.edges.map((e) => [e.source, e.target])).toEqual([['wait_1', 'send_email_1']]);
    expect(copySelection(nodes, edges, new Set(['trigger']))).toBeNull();
  });

  it('pastes with new ids, offset positions and rewired edges', () => {
    const clip = copySelection(nodes, edges, new Set(['wait_1', 'send_email_1']));
    if (!clip) throw new Error('nothing copied');
    const pasted = pasteClipboard(clip, new Set(nodes.map((n) => n.id)), { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => [n.id, n.position, n.selected])).toEqual([
      ['wait_2', { x: 40, y: 200 }, true],
      ['send_email_2', { x: 40, y: 360 }, true],
    ]);
    expect(pasted.edges).toEqual([newEdge('wait_2', 'next', 'send_email_2')]);
    // The copy is deep: editing the pasted config leaves the original alone.
    (pasted.nodes[0]?.data.config as Record<string, unknown>)['subject'] = 'changed';
    expect(clip.nodes[0]?.data.config['subject']).toBe('wait_1');
  });

  it('keeps branch handles when pasting a split with its branches', () => {
    const split = node('split', 'random_split');
    const a = node('a', 'send_email');
    const clip = copySelection([split, a], [newEdge('split', 'b1', 'a')], new Set(['split', 'a']));
    const pasted = clip && pasteClipboard(clip, new Set(['split', 'a']), { x: 0, y: 0 });
    expect(pasted?.edges[0]).toMatchObject({ source: 'random_split_1', sourceHandle: 'b1' });
  });
});
