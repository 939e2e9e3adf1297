import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { NodeTypeView } from '@switchyard/contracts';
import type { ActionDefinition, ActionPackage } from '@switchyard/sdk';
import { builtInActions } from './built-in/built-in.package.js';
import type { LoadedPlugin } from './plugin-loader.js';

/** The plugins loaded at boot (see loadPlugins), provided by PluginsModule. */
export const PLUGIN_PACKAGES = Symbol('PLUGIN_PACKAGES');

export class ActionRegistrationError extends Error {
  override readonly name = 'ActionRegistrationError';
}

/**
 * Every action node type the engine can run, by type and version. Built-ins are
 * registered at construction, then the plugins named in PLUGINS (loaded and checked at
 * boot by loadPlugins), the same way: adding a node never needs a change here or in the
 * editor.
 */
@Injectable()
export class ActionRegistry {
  private readonly logger = new Logger(ActionRegistry.name);
  /** type -> version -> definition */
  private readonly byType = new Map<string, Map<number, ActionDefinition>>();
  private readonly packages: string[] = [];
  /** type@version -> the package that registered it */
  private readonly sources = new Map<string, string>();

  constructor(@Optional() @Inject(PLUGIN_PACKAGES) plugins: readonly LoadedPlugin[] = []) {
    this.registerPackage(builtInActions);
    for (const plugin of plugins) this.registerPackage(plugin.pkg);
  }

  registerPackage(pkg: ActionPackage): void {
    for (const action of pkg.actions) this.register(action, pkg.name);
    this.packages.push(pkg.name);
    this.logger.log(`registered ${pkg.actions.length} action node types from ${pkg.name}`);
  }

  register(action: ActionDefinition, source = 'direct'): void {
    const versions = this.byType.get(action.type) ?? new Map<number, ActionDefinition>();
    if (versions.has(action.version))
      throw new ActionRegistrationError(
        `${action.type}@${action.version} (from ${source}) is already registered`,
      );
    versions.set(action.version, action);
    this.byType.set(action.type, versions);
    this.sources.set(`${action.type}@${action.version}`, source);
  }

  /** A definition by type and version; the newest version when `version` is omitted. */
  resolve(type: string, version?: number): ActionDefinition | undefined {
    const versions = this.byType.get(type);
    if (!versions) return undefined;
    if (version !== undefined) return versions.get(version);
    return versions.get(Math.max(...versions.keys()));
  }

  /** The plugin package that declared the action; undefined for a built-in. */
  pluginOf(action: Pick<ActionDefinition, 'type' | 'version'>): string | undefined {
    const source = this.sources.get(`${action.type}@${action.version}`);
    return source === builtInActions.name ? undefined : source;
  }

  versionsOf(type: string): number[] {
    return [...(this.byType.get(type)?.keys() ?? [])].sort((a, b) => a - b);
  }

  /** Newest version of every type, as the editor's palette shows them. */
  latest(): ActionDefinition[] {
    return [...this.byType.keys()]
      .map((type) => this.resolve(type))
      .filter((d): d is ActionDefinition => d !== undefined);
  }

  packageNames(): readonly string[] {
    return this.packages;
  }

  nodeTypes(): NodeTypeView[] {
    return this.latest().map(toNodeTypeView);
  }
}

export function toNodeTypeView(action: ActionDefinition): NodeTypeView {
  return {
    type: action.type,
    version: action.version,
    title: action.title,
    description: action.description,
    category: action.category,
    icon: action.icon ?? null,
    configSchema: action.configJsonSchema,
    outputs: action.staticOutputs === 'dynamic' ? 'dynamic' : [...action.staticOutputs],
    defaults: action.defaults,
  };
}
