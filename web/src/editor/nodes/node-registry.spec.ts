import type { NodeTypeView } from '@switchyard/contracts';
import { describe, expect, it } from 'vitest';
import { buildRegistry, newNodeId, nextPosition, outputsOf, paletteGroups } from './node-registry';
import { summarizeNode } from './node-summary';

const view = (type: string, category: string, extra: Partial<NodeTypeView> = {}): NodeTypeView => ({
  type,
  version: 1,
  title: type.toUpperCase(),
  description: '',
  category,
  icon: null,
  configSchema: {},
  outputs: ['next'],
  defaults: {},
  ...extra,
});

describe('node registry', () => {
  it('always knows the trigger and groups the palette by category', () => {
    const views = [
      view('webhook', 'integration'),
      view('wait', 'flow'),
      view('send_email', 'messaging'),
      view('exit', 'flow'),
      view('acme.x', 'acme'),
      view('update_attribute', 'data'),
    ];
    expect(Object.keys(buildRegistry(views))).toEqual([
      'trigger',
      'webhook',
      'wait',
      'send_email',
      'exit',
      'acme.x',
      'update_attribute',
    ]);
    expect(paletteGroups(views).map((g) => [g.category, g.items.map((i) => i.type)])).toEqual([
      ['flow', ['exit', 'wait']],
      ['messaging', ['send_email']],
      ['data', ['update_attribute']],
      ['integration', ['webhook']],
      ['acme', ['acme.x']],
    ]);
  });

  it('derives outputs, including dynamic ones', () => {
    const data = { nodeType: 'x', config: { branches: [{ name: 'vip' }, 'rest'] } };
    expect(outputsOf(data, view('x', 'f', { outputs: ['yes', 'no'] }))).toEqual(['yes', 'no']);
    expect(outputsOf(data, view('x', 'f', { outputs: 'dynamic' }))).toEqual(['vip', 'rest']);
    const paths = view('p', 'f', {
      outputs: 'dynamic',
      configSchema: { 'x-outputs-from': 'paths' },
    });
    expect(outputsOf({ nodeType: 'p', config: { paths: ['p1'] } }, paths, ['old'])).toEqual([
      'p1',
      'old',
    ]);
    expect(outputsOf({ nodeType: 'p', config: {} }, paths)).toEqual(['next']);
    expect(outputsOf(data, undefined, ['a'])).toEqual(['a']);
  });

  it('makes unique, valid node ids', () => {
    expect(newNodeId('acme.slack post', new Set(['acme_slack_post_1']))).toBe('acme_slack_post_2');
  });

  it('places clicked nodes below the anchor, sideways when taken', () => {
    const node = (id: string, x: number, y: number) => ({
      id,
      type: 'journey' as const,
      position: { x, y },
      data: { nodeType: 'w', config: {} },
    });
    const anchor = node('a', 0, 0);
    expect(nextPosition([anchor], anchor)).toEqual({ x: 0, y: 160 });
    expect(nextPosition([anchor, node('b', 0, 160)], anchor)).toEqual({ x: 270, y: 160 });
    expect(nextPosition([], undefined)).toEqual({ x: 0, y: 0 });
  });
});

const NO_REFS = { segments: new Map(), groups: [], audiences: [] };

describe('summarizeNode', () => {
  const wait = view('wait', 'flow', {
    configSchema: {
      type: 'object',
      properties: {
        amount: { type: 'integer' },
        unit: { type: 'string', enum: ['days'], default: 'days' },
        body: { type: 'string', 'x-widget': 'template' },
      },
      required: ['amount'],
    },
  });

  it('shows short settings, required first, skipping long text', () => {
    expect(
      summarizeNode({ nodeType: 'wait', config: { amount: 3, body: 'long' } }, wait, NO_REFS),
    ).toBe('3 · days');
  });

  it('uses the x-summary-if template of a setting that is on', () => {
    const hinted: NodeTypeView = {
      ...wait,
      configSchema: {
        ...wait.configSchema,
        'x-summary': 'for {{amount}} {{unit}}',
        'x-summary-if': { quick: 'quickly, else {{amount}} {{unit}}' },
      },
    };
    const summary = (config: Record<string, unknown>) =>
      summarizeNode({ nodeType: 'wait', config }, hinted, NO_REFS);
    expect(summary({ amount: 2, unit: 'days', quick: true })).toBe('quickly, else 2 days');
    expect(summary({ amount: 2, unit: 'days', quick: false })).toBe('for 2 days');
    expect(summary({ amount: 2, unit: 'days' })).toBe('for 2 days');
  });

  it('uses an x-summary template when the schema has one', () => {
    const hinted = {
      ...wait,
      configSchema: { ...wait.configSchema, 'x-summary': 'for {{amount}} {{unit}}' },
    };
    expect(
      summarizeNode({ nodeType: 'wait', config: { amount: 2, unit: 'days' } }, hinted, NO_REFS),
    ).toBe('for 2 days');
    expect(
      summarizeNode({ nodeType: 'wait', config: { amount: 1, unit: 'seconds' } }, hinted, NO_REFS),
    ).toBe('for 1 second');
    expect(
      summarizeNode({ nodeType: 'wait', config: { amount: 11, unit: 'hours' } }, hinted, NO_REFS),
    ).toBe('for 11 hours');
  });

  it('names the trigger segment', () => {
    const segments = {
      ...NO_REFS,
      segments: new Map([['s1', { id: 's1', name: 'VIP', color: '#000000' }]]),
    };
    expect(
      summarizeNode(
        { nodeType: 'trigger', config: { kind: 'segment_exited', segmentId: 's1' } },
        undefined,
        segments,
      ),
    ).toBe('Leaves VIP');
    expect(
      summarizeNode(
        { nodeType: 'trigger', config: { kind: 'segment_entered' } },
        undefined,
        segments,
      ),
    ).toBe('Choose a segment');
  });
});
