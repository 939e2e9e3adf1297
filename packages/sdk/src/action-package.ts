import type { ActionDefinition } from './define-action.js';

/**
 * What a plugin package exports (as its default export): a named set of action
 * definitions. The server registers built-ins the same way, so a plugin needs no
 * server or editor change.
 */
export interface ActionPackage {
  /** npm-style package name, e.g. "@acme/switchyard-slack". */
  name: string;
  actions: readonly ActionDefinition[];
}

export function defineActionPackage(pkg: ActionPackage): ActionPackage {
  const seen = new Set<string>();
  for (const action of pkg.actions) {
    const key = `${action.type}@${action.version}`;
    if (seen.has(key)) throw new Error(`package "${pkg.name}" declares ${key} twice`);
    seen.add(key);
  }
  return pkg;
}
