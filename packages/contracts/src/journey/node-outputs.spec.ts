import { describe, expect, it } from 'vitest';
import { testNodeType as view } from '../testing.js';
import { declaredOutputs, outputsRuleOf, shownOutputs } from './node-outputs.js';

const keys = (specs: { key: string }[]) => specs.map((s) => s.key);

describe('dynamic outputs', () => {
  const branches = [
    { key: 'a', label: 'Big spenders', percent: 45, rule: { attribute: 'x', op: 'exists' } },
    { key: 'b', label: '', percent: 45 },
  ];

  it('condition branch: branch keys plus "else", labelled', () => {
    const specs = declaredOutputs(
      { nodeType: 'condition_branch', config: { branches } },
      view('condition_branch'),
    );
    expect(specs).toEqual([
      { key: 'a', label: 'Big spenders' },
      { key: 'b', label: 'b' },
      { key: 'else', label: 'Everyone else' },
    ]);
  });

  it('random split: branch keys with shares, holdout only when its percent is above 0', () => {
    const split = view('random_split');
    const withHoldout = declaredOutputs(
      { nodeType: 'random_split', config: { branches, holdoutPercent: 10 } },
      split,
    );
    expect(withHoldout).toEqual([
      { key: 'a', label: 'Big spenders', detail: '45%' },
      { key: 'b', label: 'b', detail: '45%' },
      { key: 'holdout', label: 'Holdout', detail: '10%' },
    ]);
    const none = declaredOutputs(
      { nodeType: 'random_split', config: { branches, holdoutPercent: 0 } },
      split,
    );
    expect(keys(none)).toEqual(['a', 'b']);
  });

  it('reads the generic x-outputs meta of any node type', () => {
    const plugin = view('acme.paths', {
      configSchema: {
        'x-outputs': {
          from: 'paths',
          key: 'id',
          label: 'title',
          extra: ['fallback', { key: 'skip', when: 'allowSkip', label: 'Skipped' }],
        },
      },
    });
    expect(outputsRuleOf(plugin).from).toBe('paths');
    const config = { paths: [{ id: 'p1', title: 'First' }, { id: '' }], allowSkip: true };
    expect(declaredOutputs({ nodeType: 'acme.paths', config }, plugin)).toEqual([
      { key: 'p1', label: 'First' },
      { key: 'fallback', label: 'Fallback' },
      { key: 'skip', label: 'Skipped' },
    ]);
    expect(
      keys(declaredOutputs({ nodeType: 'acme.paths', config: { allowSkip: false } }, plugin)),
    ).toEqual(['fallback']);
  });

  it('falls back to "next" when the settings list nothing', () => {
    expect(keys(declaredOutputs({ nodeType: 'x', config: {} }, view('x')))).toEqual(['next']);
  });
});

describe('fixed outputs', () => {
  it('labels well-known and schema-labelled outputs', () => {
    const waitForEvent = view('wait_for_event', { outputs: ['event', 'timeout'] });
    expect(declaredOutputs({ nodeType: 'wait_for_event', config: {} }, waitForEvent)).toEqual([
      { key: 'event', label: 'Event happened' },
      { key: 'timeout', label: 'Timed out' },
    ]);
    const labelled = view('y', {
      outputs: ['ok', 'bad_request'],
      configSchema: { 'x-output-labels': { ok: 'Delivered' } },
    });
    expect(declaredOutputs({ nodeType: 'y', config: {} }, labelled).map((s) => s.label)).toEqual([
      'Delivered',
      'Bad request',
    ]);
  });

  it('keeps handles still used by edges so none dangles', () => {
    const exit = view('exit', { outputs: [] });
    expect(keys(shownOutputs({ nodeType: 'exit', config: {} }, exit))).toEqual([]);
    expect(keys(shownOutputs({ nodeType: 'exit', config: {} }, exit, ['next']))).toEqual(['next']);
    expect(keys(shownOutputs({ nodeType: 'gone', config: {} }, undefined))).toEqual(['next']);
  });
});
