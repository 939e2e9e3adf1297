/** What every template sees. Built by the engine from the enrollment's rows. */
export interface TemplateData {
  customer: { id: string; externalId: string; traits: Record<string, unknown> };
  trigger: {
    kind: string;
    segmentId: string | null;
    segmentName: string | null;
    at: string;
    /** For event triggers: the event's name and properties. */
    event?: { name: string; properties: Record<string, unknown> };
  };
  context: Record<string, unknown>;
  /**
   * The link that unsubscribes the customer from the workspace's marketing e-mail (made
   * when a template asks for it; in previews and test sends a link that unsubscribes no one).
   */
  readonly unsubscribe_url?: string;
}
