import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineActionPackage, type ActionPackage } from './action-package.js';
import { defineAction } from './define-action.js';

const greet = defineAction({
  type: 'test.greet',
  version: 1,
  title: 'Greet',
  description: 'says hello',
  category: 'messaging',
  config: z.object({
    to: z.string().default('{{customer.traits.email}}'),
    subject: z.string().min(1),
  }),
  outputs: ['next'],
  templateFields: ['to', 'subject'],
  execute: () => ({ kind: 'continue' }),
});

describe('defineAction', () => {
  it('keeps declared defaults even when required settings are missing', () => {
    expect(greet.defaults).toEqual({ to: '{{customer.traits.email}}' });
    expect(greet.staticOutputs).toEqual(['next']);
    expect(greet.templateFields).toEqual(['to', 'subject']);
  });

  it('reports dynamic outputs', () => {
    const branch = defineAction({
      type: 'test.branch',
      version: 1,
      title: 'Branch',
      description: '',
      category: 'flow',
      config: z.object({ branches: z.array(z.string()).default(['a']) }),
      outputs: (config) => config.branches,
      execute: () => ({ kind: 'continue', output: 'a' }),
    });
    expect(branch.staticOutputs).toBe('dynamic');
    expect(branch.outputsFor({ branches: ['x', 'y'] })).toEqual(['x', 'y']);
    const pkg: ActionPackage = defineActionPackage({ name: 'test', actions: [greet, branch] });
    expect(pkg.actions).toHaveLength(2);
  });

  it('refuses a package declaring the same type and version twice', () => {
    expect(() => defineActionPackage({ name: 'dup', actions: [greet, greet] })).toThrow(/twice/);
  });
});
