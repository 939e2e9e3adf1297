import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ActionDefinition, ActionPackage } from '@switchyard/sdk';
import { builtInActions } from './built-in/built-in.package.js';

export class PluginLoadError extends Error {
  override readonly name = 'PluginLoadError';
}

/** A loaded plugin: its package and where it came from (as named in PLUGINS). */
export interface LoadedPlugin {
  source: string;
  pkg: ActionPackage;
}

const TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/**
 * Loads the plugins named in PLUGINS (npm package names, or folders and files) and checks
 * every node they declare. Any problem stops the boot with one message naming each plugin
 * and what is wrong: nothing is half-loaded.
 */
export async function loadPlugins(
  specifiers: readonly string[],
  cwd = process.cwd(),
): Promise<LoadedPlugin[]> {
  const problems: string[] = [];
  const loaded: LoadedPlugin[] = [];
  const owners = new Map<string, string>();
  for (const action of builtInActions.actions)
    owners.set(`${action.type}@${action.version}`, builtInActions.name);
  for (const specifier of specifiers) {
    let pkg: unknown;
    try {
      const module = (await import(importTarget(specifier, cwd))) as { default?: unknown };
      pkg = module.default;
    } catch (error) {
      problems.push(`plugin ${specifier}: failed to load: ${(error as Error).message}`);
      continue;
    }
    const found = checkPackage(specifier, pkg, owners);
    if (found.problems.length > 0) problems.push(...found.problems);
    else if (found.pkg) loaded.push({ source: specifier, pkg: found.pkg });
  }
  if (problems.length > 0)
    throw new PluginLoadError(
      `Plugins could not be loaded:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return loaded;
}

/** A URL to import: a folder's package.json main (or index.js), a file, or a package name. */
function importTarget(specifier: string, cwd: string): string {
  const looksLikePath =
    specifier.startsWith('.') || isAbsolute(specifier) || existsSync(resolve(cwd, specifier));
  if (!looksLikePath) return specifier;
  const path = resolve(cwd, specifier);
  if (!existsSync(path)) throw new Error(`no such file or folder: ${path}`);
  if (!statSync(path).isDirectory()) return pathToFileURL(path).href;
  const manifest = join(path, 'package.json');
  const main = existsSync(manifest)
    ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { main?: string }).main ?? 'index.js')
    : 'index.js';
  return pathToFileURL(join(path, main)).href;
}

function checkPackage(
  specifier: string,
  pkg: unknown,
  owners: Map<string, string>,
): { pkg?: ActionPackage; problems: string[] } {
  const candidate = pkg as Partial<ActionPackage> | undefined;
  if (
    !candidate ||
    typeof candidate !== 'object' ||
    typeof candidate.name !== 'string' ||
    !Array.isArray(candidate.actions)
  )
    return {
      problems: [
        `plugin ${specifier}: its default export is not an action package (export default defineActionPackage({ name, actions }))`,
      ],
    };
  const name = `${candidate.name} (${specifier})`;
  const problems: string[] = [];
  if (candidate.actions.length === 0) problems.push(`plugin ${name}: declares no action`);
  for (const [i, raw] of candidate.actions.entries()) {
    const action = raw as Partial<ActionDefinition>;
    const label = `plugin ${name}: action ${typeof action.type === 'string' ? `"${action.type}"` : `#${i}`}`;
    if (typeof action.type !== 'string' || !TYPE_PATTERN.test(action.type)) {
      problems.push(
        `${label}: type must be lower-case words joined by "." or "_" (e.g. acme.slack_post)`,
      );
      continue;
    }
    if (typeof action.execute !== 'function' || typeof action.parseConfig !== 'function') {
      problems.push(`${label}: was not made with defineAction() of @switchyard/sdk`);
      continue;
    }
    if (!Number.isInteger(action.version) || (action.version ?? 0) < 1)
      problems.push(`${label}: version must be a whole number from 1`);
    if (action.configJsonSchema?.['type'] !== 'object')
      problems.push(`${label}: its config schema must be an object (z.object or z.strictObject)`);
    if (!Array.isArray(action.references) || !Array.isArray(action.sends))
      problems.push(
        `${label}: was made with an older @switchyard/sdk: build it again with this server's`,
      );
    const key = `${action.type}@${action.version}`;
    const owner = owners.get(key);
    if (owner) problems.push(`${label}: ${key} is already registered by ${owner}`);
    else owners.set(key, name);
  }
  return problems.length > 0 ? { problems } : { pkg: candidate as ActionPackage, problems };
}
