import type { ActionDefinition } from '@switchyard/sdk';
import { describe, expect, it } from 'vitest';
import { ActionRegistry } from '../action-registry.service.js';
import { fakeContext } from './action-test-context.testing.js';
import { builtInActions } from './built-in.package.js';
import { exitAction } from './exit.action.js';
import { waitAction } from './wait.action.js';

type JsonSchema = Record<string, unknown>;

function propertiesOf(action: ActionDefinition): Record<string, JsonSchema> {
  return (action.configJsonSchema['properties'] ?? {}) as Record<string, JsonSchema>;
}

describe('wait', () => {
  it('waits amount x unit from now', async () => {
    const { ctx, calls } = fakeContext();
    expect(await waitAction.run(ctx, { amount: 90, unit: 'minutes' })).toEqual({
      kind: 'wait',
      until: new Date('2024-05-01T11:30:00Z'),
    });
    expect(await waitAction.run(ctx, {})).toEqual({
      kind: 'wait',
      until: new Date('2024-05-02T10:00:00Z'),
    });
    expect(waitAction.defaults).toEqual({ amount: 1, unit: 'days' });
    expect(calls).toEqual([]);
  });

  it('refuses negative and fractional amounts', () => {
    expect(waitAction.parseConfig({ amount: -1, unit: 'days' }).success).toBe(false);
    expect(waitAction.parseConfig({ amount: 1.5, unit: 'days' }).success).toBe(false);
    expect(waitAction.parseConfig({ amount: 1, unit: 'weeks' }).success).toBe(false);
  });
});

describe('exit', () => {
  it('has no outputs and exits', async () => {
    expect(exitAction.staticOutputs).toEqual([]);
    expect(await exitAction.run(fakeContext().ctx, {})).toEqual({
      kind: 'exit',
      reason: 'exit node',
    });
    expect(exitAction.parseConfig({ anything: 1 }).success).toBe(false);
  });
});

describe('built-in package', () => {
  const actions = builtInActions.actions;

  it('files every node under its category', () => {
    expect(Object.fromEntries(actions.map((a) => [a.type, a.category]))).toEqual({
      wait: 'flow',
      wait_until: 'flow',
      wait_for_event: 'flow',
      condition_branch: 'flow',
      random_split: 'flow',
      send_email: 'messaging',
      send_sms: 'messaging',
      webhook: 'integration',
      update_attribute: 'data',
      add_to_audience: 'data',
      order_summary: 'data',
      cross_sell: 'data',
      exit: 'flow',
    });
  });

  it.each(actions.map((a) => [a.type, a] as const))(
    '%s describes every setting for the editor',
    (_type, action) => {
      expect(action.icon).toMatch(/^[a-z][a-z-]*$/);
      expect(action.title).not.toBe('');
      expect(action.description).not.toBe('');
      expect(action.configJsonSchema['type']).toBe('object');
      // The editor summarises these itself: branch counts, the audience's name.
      const ownSummary = ['exit', 'condition_branch', 'random_split', 'add_to_audience'];
      expect(typeof action.configJsonSchema['x-summary']).toBe(
        ownSummary.includes(action.type) ? 'undefined' : 'string',
      );
      for (const [name, property] of Object.entries(propertiesOf(action))) {
        expect(typeof property['title'], `${action.type}.${name} title`).toBe('string');
        expect(typeof property['description'], `${action.type}.${name} description`).toBe('string');
      }
    },
  );

  it('marks multi-line templates for the template widget and lists them for publishing', () => {
    for (const action of actions) {
      const properties = propertiesOf(action);
      for (const [name, property] of Object.entries(properties)) {
        if (property['x-widget'] === 'template')
          expect(action.templateFields, `${action.type}.${name}`).toContain(name);
      }
      for (const field of action.templateFields)
        expect(properties[field]?.['type'], `${action.type}.${field}`).toBe('string');
    }
  });
});

describe('ActionRegistry', () => {
  it('serves the built-ins as node types and resolves versions', () => {
    const registry = new ActionRegistry();
    expect(registry.nodeTypes().map((t) => t.type)).toEqual([
      'wait',
      'wait_until',
      'wait_for_event',
      'condition_branch',
      'random_split',
      'send_email',
      'send_sms',
      'webhook',
      'update_attribute',
      'add_to_audience',
      'order_summary',
      'cross_sell',
      'exit',
    ]);
    expect(registry.resolve('wait')?.version).toBe(1);
    expect(registry.resolve('wait', 2)).toBeUndefined();
    expect(() => registry.register(waitAction)).toThrow(/already registered/);
  });

  it('marks branching nodes as having dynamic outputs', () => {
    const outputs = Object.fromEntries(
      new ActionRegistry().nodeTypes().map((t) => [t.type, t.outputs]),
    );
    expect(outputs).toMatchObject({
      wait: ['next'],
      wait_for_event: ['event', 'timeout'],
      condition_branch: 'dynamic',
      random_split: 'dynamic',
      webhook: ['next'],
      exit: [],
    });
  });
});
