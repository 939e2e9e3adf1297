/** What every template sees. Built by the engine from the enrollment's rows. */
export interface TemplateData {
  customer: { id: string; externalId: string; traits: Record<string, unknown> };
  trigger: { kind: string; segmentId: string | null; segmentName: string | null; at: string };
  context: Record<string, unknown>;
}
