// `npm run new-action -- <name> [--dir <folder>]`: a new action-node package from a template
// that passes its own tests (`npm test` inside it). Default folder: packages/<name>.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { root } from './run.mjs';

const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith('--'));
const dirAt = args.indexOf('--dir');
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error(
    'usage: npm run new-action -- <name> [--dir <folder>]   (name: lower-case, digits, "-")',
  );
  process.exit(2);
}
const dir = resolve(dirAt >= 0 ? (args[dirAt + 1] ?? '') : join(root, 'packages', name));
if (existsSync(dir)) {
  console.error(`${dir} already exists: choose another name or --dir`);
  process.exit(1);
}

const words = name.split('-');
const camel = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('');
const title = words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
const type = `custom.${words.join('_')}`;

const files = {
  'package.json': `${JSON.stringify(
    {
      name: `switchyard-${name}`,
      version: '0.1.0',
      private: true,
      type: 'module',
      description: `${title}: a Switchyard action node.`,
      main: './dist/index.js',
      types: './dist/index.d.ts',
      scripts: {
        build: 'tsc -p tsconfig.json',
        test: 'vitest run',
      },
      dependencies: { '@switchyard/sdk': '*', zod: '^4' },
    },
    null,
    2,
  )}\n`,
  'tsconfig.json': `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        declaration: true,
        skipLibCheck: true,
        rootDir: 'src',
        outDir: 'dist',
        types: [],
      },
      include: ['src'],
      exclude: ['src/**/*.spec.ts'],
    },
    null,
    2,
  )}\n`,
  'vitest.config.ts': `import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: '${name}', include: ['src/**/*.spec.ts'] } });
`,
  'src/index.ts': `import { defineActionPackage } from '@switchyard/sdk';
import { ${camel}Action } from './${name}.action.js';

/** Load it with PLUGINS=<this folder or package name>. */
export default defineActionPackage({ name: 'switchyard-${name}', actions: [${camel}Action] });
`,
  [`src/${name}.action.ts`]: `import { defineAction } from '@switchyard/sdk';
import { z } from 'zod';

/** ${title}: what this node does, in one sentence for the palette. */
export const ${camel}Action = defineAction({
  type: '${type}',
  version: 1,
  title: '${title}',
  description: 'Describe what the node does.',
  category: 'integration',
  config: z.strictObject({
    url: z.url().meta({ title: 'URL', description: 'Where to send the call.' }),
    message: z.string().min(1).default('Hello {{customer.externalId}}').meta({
      'x-widget': 'template',
      title: 'Message',
      description: 'A Handlebars template over customer, trigger and context.',
    }),
  }),
  outputs: ['next'],
  // Every channel the node sends on: publishing checks the workspace can deliver it.
  sends: ['webhook'],
  async execute(ctx, config) {
    // Effects go through the engine's outbox: sent once, retried with backoff.
    await ctx.effects.webhook({ url: config.url, method: 'POST', body: ctx.renderText(config.message) });
    return { kind: 'continue', context: { ${camel}At: ctx.now.toISOString() } };
  },
});
`,
  [`src/${name}.action.spec.ts`]: `import { runAction } from '@switchyard/sdk/testing';
import { describe, expect, it } from 'vitest';
import { ${camel}Action } from './${name}.action.js';

describe('${type}', () => {
  it('calls the URL with the rendered message', async () => {
    const run = await runAction(${camel}Action, {
      config: { url: 'https://example.com/hook', message: 'Hi {{customer.traits.first_name}}' },
      customer: { traits: { first_name: 'Ada' } },
      now: new Date('2030-01-01T00:00:00Z'),
    });
    expect(run.effects).toEqual([
      {
        effect: 'webhook',
        request: { url: 'https://example.com/hook', method: 'POST', body: 'Hi Ada' },
        options: undefined,
      },
    ]);
    expect(run.result).toEqual({ kind: 'continue', context: { ${camel}At: '2030-01-01T00:00:00.000Z' } });
  });
});
`,
};

for (const [file, content] of Object.entries(files)) {
  mkdirSync(join(dir, file, '..'), { recursive: true });
  writeFileSync(join(dir, file), content);
}
const where = relative(process.cwd(), dir) || '.';
console.log(`created ${where}: node type ${type}
next:
  cd ${where} && npx vitest run          # its own test passes
  edit src/${name}.action.ts, then npx tsc -p tsconfig.json
  PLUGINS=${dir} npm start                # the node is in the editor's palette`);
