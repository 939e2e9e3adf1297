/**
 * What a node setting may name in the workspace, marked in its JSON Schema with
 * `x-widget`: the editor draws a picker for it, and publishing checks it exists.
 */
export const configReferenceKinds = ['audience', 'segment', 'topic'] as const;
export type ConfigReferenceKind = (typeof configReferenceKinds)[number];

/** A top-level setting of a node type that names something of the workspace. */
export interface ConfigReference {
  field: string;
  kind: ConfigReferenceKind;
}

export function isConfigReferenceKind(value: unknown): value is ConfigReferenceKind {
  return configReferenceKinds.some((k) => k === value);
}

/** The references among the top-level properties of a node type's settings schema. */
export function configReferences(jsonSchema: Record<string, unknown>): ConfigReference[] {
  const properties = jsonSchema['properties'];
  if (typeof properties !== 'object' || properties === null) return [];
  const references: ConfigReference[] = [];
  for (const [field, property] of Object.entries(properties as Record<string, unknown>)) {
    const widget =
      typeof property === 'object' && property !== null
        ? (property as Record<string, unknown>)['x-widget']
        : undefined;
    if (isConfigReferenceKind(widget)) references.push({ field, kind: widget });
  }
  return references;
}
