import type {
  SubscriptionTopicInput,
  SubscriptionTopicView,
  AudienceView,
  CampaignPreview,
  CampaignStats,
  CampaignView,
  CreateAudienceInput,
  CreateCampaignInput,
  CatalogEventProperties,
  CatalogEvents,
  CatalogTraits,
  CreateJourneyBody,
  CreateSegmentBody,
  CreateSegmentGroupBody,
  CustomerList,
  CustomerSubscriptions,
  SubscriptionBody,
  SubscriptionChannel,
  CustomerProfile,
  DeliveriesPage,
  DeliveryView,
  GroupEvaluationResult,
  ListedDeliveryStatus,
  MessageChannel,
  GroupMovementView,
  GroupSnapshotView,
  ImportReport,
  JourneyStats,
  JourneyWalk,
  JourneyWalkBody,
  StepPreview,
  StepPreviewBody,
  StepTestSend,
  StepTestSendBody,
  JourneyVersionDetail,
  JourneyListItem,
  JourneyView,
  NodeTypeView,
  Rule,
  SegmentGroupView,
  SegmentPreview,
  SegmentTemplateView,
  SegmentView,
  TemplateInstallResult,
  TemplateKey,
  UpdateCampaignBody,
  UpdateJourneyBody,
  UpdateSegmentBody,
  UpdateSegmentGroupBody,
  RetryDeliveriesBody,
  RetryDeliveriesResult,
  WorkspaceSettingsBody,
  WorkspaceSecretList,
  WorkspaceSettingsView,
} from '@switchyard/contracts';
import { INTERNAL_CUSTOMER_ID } from '@switchyard/contracts';
import { ApiError, apiErrorFromBody } from './api-error';

export { ApiError, describeError, type ApiIssue } from './api-error';

export interface ApiClientOptions {
  /** Prefix for every path; empty for same-origin. */
  baseUrl?: string;
  getApiKey: () => string | null;
  /** Called on 401 so the app can ask for a key again. */
  onUnauthorized?: () => void;
  fetchFn?: typeof fetch;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface CustomerSearch {
  q?: string;
  limit?: number;
  offset?: number;
}

export interface DeliveriesFilter {
  status?: ListedDeliveryStatus;
  channel?: MessageChannel;
  journeyId?: string;
  stepId?: string;
  limit?: number;
  offset?: number;
}

export interface PreviewSegmentRequest {
  rule: Rule;
  asOf?: string;
  sampleSize?: number;
}

/** Lists may come back bare or wrapped as `{items}` / `{data}`; accept all three. */
function unwrapList<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  if (typeof body === 'object' && body !== null) {
    for (const key of ['items', 'data', 'results']) {
      const inner = (body as Record<string, unknown>)[key];
      if (Array.isArray(inner)) return inner as T[];
    }
  }
  return [];
}

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetchFn ?? ((input, init) => fetch(input, init));

  async function request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
    if (body === undefined) return exchange<T>(method, path);
    return exchange<T>(method, path, { type: 'application/json', data: JSON.stringify(body) });
  }

  function headersFor(body?: { type: string }): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const key = options.getApiKey();
    if (key) headers['Authorization'] = `Bearer ${key}`;
    if (body) headers['Content-Type'] = body.type;
    return headers;
  }

  /** An answer's JSON (or text), or the ApiError a non-2xx answer stands for. */
  function answer<T>(status: number, statusText: string, text: string): T {
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (status < 200 || status > 299) {
      if (status === 401) options.onUnauthorized?.();
      throw apiErrorFromBody(status, statusText, parsed);
    }
    return parsed as T;
  }

  /** One request with a body of the given type (JSON, or a file as it is), JSON back. */
  async function exchange<T>(
    method: HttpMethod,
    path: string,
    body?: { type: string; data: string | Blob },
  ): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers: headersFor(body),
        body: body?.data,
      });
    } catch (cause) {
      throw new ApiError(0, 'Network Error', `could not reach the server (${String(cause)})`);
    }
    return answer<T>(response.status, response.statusText, await response.text());
  }

  /**
   * A POST of a file over XMLHttpRequest, which reports how much of it was sent (fetch
   * does not). The server reads an import as it arrives, so that is how far it has got.
   */
  function upload<T>(
    path: string,
    body: { type: string; data: Blob },
    onProgress: (sent: number, total: number) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${baseUrl}${path}`);
      for (const [name, value] of Object.entries(headersFor(body)))
        xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onerror = () =>
        reject(new ApiError(0, 'Network Error', 'could not reach the server (the upload failed)'));
      xhr.onload = () => {
        try {
          resolve(answer<T>(xhr.status, xhr.statusText, xhr.responseText));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      xhr.send(body.data);
    });
  }

  const id = (value: string) => encodeURIComponent(value);
  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined && value !== '') search.set(key, String(value));
    const text = search.toString();
    return text ? `?${text}` : '';
  };

  return {
    request,
    nodeTypes: async () => unwrapList<NodeTypeView>(await request('GET', '/api/node-types')),
    segments: {
      list: async () => unwrapList<SegmentView>(await request('GET', '/api/segments')),
      get: (segmentId: string) => request<SegmentView>('GET', `/api/segments/${id(segmentId)}`),
      create: (body: CreateSegmentBody) => request<SegmentView>('POST', '/api/segments', body),
      update: (segmentId: string, body: UpdateSegmentBody) =>
        request<SegmentView>('PATCH', `/api/segments/${id(segmentId)}`, body),
      remove: (segmentId: string) => request<void>('DELETE', `/api/segments/${id(segmentId)}`),
      preview: (body: PreviewSegmentRequest) =>
        request<SegmentPreview>('POST', '/api/segments/preview', body),
    },
    catalog: {
      traits: () => request<CatalogTraits>('GET', '/api/catalog/traits'),
      events: () => request<CatalogEvents>('GET', '/api/catalog/events'),
      properties: (event: string) =>
        request<CatalogEventProperties>('GET', `/api/catalog/events/${id(event)}/properties`),
    },
    customers: {
      list: (search: CustomerSearch = {}) =>
        request<CustomerList>('GET', `/api/customers${query({ ...search })}`),
      /**
       * The app links to customers by internal id; an address with anything else in it
       * (an external id, typed or pasted) opens that customer by external id.
       */
      get: (customerId: string) =>
        request<CustomerProfile>(
          'GET',
          `/api/customers/${id(customerId)}${query({ by: INTERNAL_CUSTOMER_ID.test(customerId) ? 'id' : 'externalId' })}`,
        ),
      setSubscription: (customerId: string, channel: SubscriptionChannel, body: SubscriptionBody) =>
        request<CustomerSubscriptions>(
          'PUT',
          `/api/customers/${id(customerId)}/subscriptions/${id(channel)}`,
          body,
        ),
      setTopicSubscription: (customerId: string, topicId: string, body: SubscriptionBody) =>
        request<CustomerSubscriptions>(
          'PUT',
          `/api/customers/${id(customerId)}/subscriptions/topics/${id(topicId)}`,
          body,
        ),
    },
    emailSuppressions: {
      /** Lets e-mail go to a hard-bounced address again. */
      remove: (address: string) =>
        request<void>('DELETE', `/api/email-suppressions/${id(address)}`),
    },
    deliveries: {
      list: (filter: DeliveriesFilter = {}) =>
        request<DeliveriesPage>('GET', `/api/deliveries${query({ ...filter })}`),
      retry: (deliveryId: string) =>
        request<DeliveryView>('POST', `/api/deliveries/${id(deliveryId)}/retry`),
      retryAll: (body: RetryDeliveriesBody = {}) =>
        request<RetryDeliveriesResult>('POST', '/api/deliveries/retry', body),
    },
    groups: {
      list: async () => unwrapList<SegmentGroupView>(await request('GET', '/api/segment-groups')),
      get: (groupId: string) =>
        request<SegmentGroupView>('GET', `/api/segment-groups/${id(groupId)}`),
      create: (body: CreateSegmentGroupBody) =>
        request<SegmentGroupView>('POST', '/api/segment-groups', body),
      update: (groupId: string, body: UpdateSegmentGroupBody) =>
        request<SegmentGroupView>('PATCH', `/api/segment-groups/${id(groupId)}`, body),
      remove: (groupId: string) => request<void>('DELETE', `/api/segment-groups/${id(groupId)}`),
      snapshots: async (groupId: string) =>
        unwrapList<GroupSnapshotView>(
          await request('GET', `/api/segment-groups/${id(groupId)}/snapshots`),
        ),
      movement: (groupId: string, from: string, to: string) =>
        request<GroupMovementView>(
          'GET',
          `/api/segment-groups/${id(groupId)}/movement${query({ from, to })}`,
        ),
      evaluate: (groupId: string) =>
        request<GroupEvaluationResult>(
          'POST',
          `/api/segment-groups/${id(groupId)}/evaluations`,
          {},
        ),
    },
    templates: {
      list: async () =>
        unwrapList<SegmentTemplateView>(await request('GET', '/api/segment-templates')),
      install: (key: TemplateKey) =>
        request<TemplateInstallResult>('POST', `/api/segment-templates/${id(key)}/install`, {}),
    },
    journeys: {
      list: async () => unwrapList<JourneyListItem>(await request('GET', '/api/journeys')),
      get: (journeyId: string) => request<JourneyView>('GET', `/api/journeys/${id(journeyId)}`),
      create: (body: CreateJourneyBody) => request<JourneyView>('POST', '/api/journeys', body),
      update: (journeyId: string, body: UpdateJourneyBody) =>
        request<JourneyView>('PATCH', `/api/journeys/${id(journeyId)}`, body),
      publish: (journeyId: string) =>
        request<unknown>('POST', `/api/journeys/${id(journeyId)}/publish`, {}),
      pause: (journeyId: string) =>
        request<JourneyView>('POST', `/api/journeys/${id(journeyId)}/pause`, {}),
      resume: (journeyId: string) =>
        request<JourneyView>('POST', `/api/journeys/${id(journeyId)}/resume`, {}),
      stop: (journeyId: string) =>
        request<JourneyView>('POST', `/api/journeys/${id(journeyId)}/stop`, {}),
      versions: async (journeyId: string) =>
        unwrapList<JourneyVersionDetail>(
          await request('GET', `/api/journeys/${id(journeyId)}/versions`),
        ),
      restoreVersion: (journeyId: string, versionId: string) =>
        request<JourneyView>(
          'POST',
          `/api/journeys/${id(journeyId)}/versions/${id(versionId)}/restore`,
          {},
        ),
      stats: (journeyId: string, versionId?: string) =>
        request<JourneyStats>('GET', `/api/journeys/${id(journeyId)}/stats${query({ versionId })}`),
      previewStep: (journeyId: string, body: StepPreviewBody) =>
        request<StepPreview>('POST', `/api/journeys/${id(journeyId)}/preview-step`, body),
      previewRun: (journeyId: string, body: JourneyWalkBody) =>
        request<JourneyWalk>('POST', `/api/journeys/${id(journeyId)}/preview-run`, body),
      testSend: (journeyId: string, body: StepTestSendBody) =>
        request<StepTestSend>('POST', `/api/journeys/${id(journeyId)}/test-send`, body),
      remove: (journeyId: string) => request<void>('DELETE', `/api/journeys/${id(journeyId)}`),
    },
    campaigns: {
      list: async () => unwrapList<CampaignView>(await request('GET', '/api/campaigns')),
      get: (campaignId: string) => request<CampaignView>('GET', `/api/campaigns/${id(campaignId)}`),
      create: (body: CreateCampaignInput) => request<CampaignView>('POST', '/api/campaigns', body),
      update: (campaignId: string, body: UpdateCampaignBody) =>
        request<CampaignView>('PATCH', `/api/campaigns/${id(campaignId)}`, body),
      preview: (campaignId: string, customer?: string) =>
        request<CampaignPreview>(
          'GET',
          `/api/campaigns/${id(campaignId)}/preview${query({ customer })}`,
        ),
      launch: (campaignId: string) =>
        request<CampaignView>('POST', `/api/campaigns/${id(campaignId)}/launch`, {}),
      stats: (campaignId: string) =>
        request<CampaignStats>('GET', `/api/campaigns/${id(campaignId)}/stats`),
      remove: (campaignId: string) => request<void>('DELETE', `/api/campaigns/${id(campaignId)}`),
    },
    imports: {
      /**
       * Streams a file to POST /api/imports as `type` (text/csv or application/x-ndjson);
       * `onProgress` hears how many bytes were sent (in a browser).
       */
      upload: (
        file: Blob,
        type: string,
        skipInvalid: boolean,
        onProgress?: (sent: number, total: number) => void,
      ) => {
        const path = `/api/imports${query({ skipInvalid: String(skipInvalid) })}`;
        const body = { type, data: file };
        return onProgress && typeof XMLHttpRequest !== 'undefined'
          ? upload<ImportReport>(path, body, onProgress)
          : exchange<ImportReport>('POST', path, body);
      },
    },
    audiences: {
      list: async () => unwrapList<AudienceView>(await request('GET', '/api/audiences')),
      create: (body: CreateAudienceInput) => request<AudienceView>('POST', '/api/audiences', body),
      remove: (audienceId: string) => request<void>('DELETE', `/api/audiences/${id(audienceId)}`),
    },
    topics: {
      list: () => request<SubscriptionTopicView[]>('GET', '/api/subscription-topics'),
      create: (body: SubscriptionTopicInput) =>
        request<SubscriptionTopicView>('POST', '/api/subscription-topics', body),
      remove: (topicId: string) =>
        request<void>('DELETE', `/api/subscription-topics/${id(topicId)}`),
    },
    workspace: {
      settings: () => request<WorkspaceSettingsView>('GET', '/api/workspace/settings'),
      updateSettings: (body: WorkspaceSettingsBody) =>
        request<WorkspaceSettingsView>('PUT', '/api/workspace/settings', body),
      /** Names of the plugin nodes' secrets (`ctx.secret(name)`); values are write-only. */
      secrets: () => request<WorkspaceSecretList>('GET', '/api/workspace/secrets'),
      setSecret: (name: string, value: string) =>
        request<void>('PUT', `/api/workspace/secrets/${id(name)}`, { value }),
      removeSecret: (name: string) => request<void>('DELETE', `/api/workspace/secrets/${id(name)}`),
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
