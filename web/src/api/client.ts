// Every call the web app makes to the Workdesk API, through the openapi-fetch client generated
// from openapi/workdesk.json. The document describes requests but not response bodies, so each
// call names its response type from ./types.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, toApiError } from './problem';
import type {
  AppNotification, BusinessCalendar, EmailTemplate, EscalationRule, NotificationChannel, NotificationPreference, PublicSurvey, SlaPolicy,
  Webhook, WebhookDelivery,
} from './types';
import type {
  Activity, ApiToken, Asset, AssetChanges, AssetSelection, AssetStatus, AssetTimelineEntry, AssetType, AssetTypePart,
  Attachment, BulkAssetResult, BulkResult, Comment, CreatedToken, Downtime, ListPage, Location, Me, Place, Priority,
  PublicRequestCreated, PublicRequestStatus, Role, SavedView, SystemInfo, Tagged, Team, User, Vendor, WorkOrder,
  WorkOrderStatus, WorkRequest, NextStatus, WorkOrderTypeSummary, WorkOrderTypeDetail, WorkflowDefinition, UpgradePreview,
  WorkOrderProcedure, ProcedureTemplate, ProcedureSection, ProcedureLink, PriorityMatrixCell, ApprovalRule, ApprovalStep,
  WorkOrderApproval, MyApproval,
  Meter, MeterReading, ReadingInput, Schedule, ScheduleInput, SchedulePreview,
  ScheduleChanges, ScheduleSelection, BulkScheduleResult, Forecast, ForecastItem,
} from './types';

function baseUrl(): string {
  return typeof window !== 'undefined' && window.location ? window.location.origin : 'http://127.0.0.1';
}

// fetch is looked up on every call so that tests can replace it.
const client = createClient<paths>({
  baseUrl: baseUrl(),
  credentials: 'same-origin',
  fetch: (request: Request) => globalThis.fetch(request),
});

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(call: Promise<FetchResult>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw await toApiError(response, error);
  }
  return data as T;
}

async function unwrapTagged<T>(call: Promise<FetchResult>): Promise<Tagged<T>> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw await toApiError(response, error);
  }
  return { value: data as T, etag: response.headers.get('ETag') ?? '' };
}

/** Creates a value for the Idempotency-Key header, also outside secure contexts. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Builds a query string from the values that are set. */
export function toQuery(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

const rawQuery = (query: string) => ({ params: { query: {} }, querySerializer: () => query });

// --- Sign-in and the current user ---

export const signIn = (email: string, password: string) =>
  unwrap<void>(client.POST('/api/v1/auth/sign-in', { body: { email, password } }));

export const signOut = () => unwrap<void>(client.POST('/api/v1/auth/sign-out'));

export const getMe = () => unwrap<Me>(client.GET('/api/v1/me'));

export const listTokens = () => unwrap<ApiToken[]>(client.GET('/api/v1/me/tokens'));

export const createToken = (name: string, expiresInDays: number | null) =>
  unwrap<CreatedToken>(client.POST('/api/v1/me/tokens', {
    body: { name, expiresInDays }, headers: { 'Idempotency-Key': newIdempotencyKey() },
  }));

export const revokeToken = (id: number) =>
  unwrap<void>(client.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } }));

// --- Work orders ---

/** Lists work orders; query is a query string with the filters of docs/api.md. */
export const listWorkOrders = (query: string) =>
  unwrap<ListPage<WorkOrder>>(client.GET('/api/v1/work-orders', rawQuery(query)));

export const getWorkOrder = (id: number) =>
  unwrapTagged<WorkOrder>(client.GET('/api/v1/work-orders/{id}', { params: { path: { id } } }));

export const changeStatus = (
  id: number, etag: string, status: WorkOrderStatus, reason: string | null, customFields?: Record<string, unknown>, statusKey?: string,
) =>
  unwrapTagged<WorkOrder>(client.POST('/api/v1/work-orders/{id}/status', {
    params: { path: { id } },
    body: {
      status: statusKey ? null : status, reason,
      ...(statusKey ? { statusKey } : {}),
      ...(customFields ? { customFields: customFields as never } : {}),
    },
    headers: { 'If-Match': etag },
  }));

export const listNextStatuses = (id: number) =>
  unwrap<NextStatus[]>(client.GET('/api/v1/work-orders/{id}/next-statuses', { params: { path: { id } } }));

export const listWorkOrderTypes = () => unwrap<WorkOrderTypeSummary[]>(client.GET('/api/v1/work-order-types'));

export const getWorkOrderType = (key: string) =>
  unwrapTagged<WorkOrderTypeDetail>(client.GET('/api/v1/work-order-types/{key}', { params: { path: { key } } }));

export const createWorkOrderType = (key: string, name: string, workflow: WorkflowDefinition) =>
  unwrapTagged<WorkOrderTypeDetail>(client.POST('/api/v1/work-order-types', { body: { key, name, workflow } }));

export const saveWorkOrderType = (key: string, etag: string, name: string, workflow: WorkflowDefinition) =>
  unwrapTagged<WorkOrderTypeDetail>(client.PUT('/api/v1/work-order-types/{key}', {
    params: { path: { key } }, body: { key: null, name, workflow }, headers: { 'If-Match': etag },
  }));

export const previewWorkflowUpgrade = (key: string, statusMap: Record<string, string>) =>
  unwrap<UpgradePreview>(client.POST('/api/v1/work-order-types/{key}/upgrade/preview', {
    params: { path: { key } }, body: { toVersion: null, statusMap },
  }));

export const applyWorkflowUpgrade = (key: string, statusMap: Record<string, string>) =>
  unwrap<UpgradePreview>(client.POST('/api/v1/work-order-types/{key}/upgrade', {
    params: { path: { key } }, body: { toVersion: null, statusMap },
  }));

export const listWorkOrderProcedures = (id: number) =>
  unwrap<WorkOrderProcedure[]>(client.GET('/api/v1/work-orders/{id}/procedures', { params: { path: { id } } }));

export interface StepInput {
  value?: unknown;
  attachmentId?: number | null;
  signerName?: string | null;
  note?: string | null;
}

export const recordProcedureStep = (id: number, procedureId: number, stepKey: string, input: StepInput) =>
  unwrap<WorkOrderProcedure>(client.PUT('/api/v1/work-orders/{id}/procedures/{procedureId}/steps/{stepKey}', {
    params: { path: { id, procedureId, stepKey } }, body: input as never,
  }));

export const listProcedureTemplates = () => unwrap<ProcedureTemplate[]>(client.GET('/api/v1/procedure-templates'));

export interface ProcedureTemplateInput {
  name: string;
  description: string | null;
  sections: ProcedureSection[];
  attachTo: ProcedureLink[];
}

export const createProcedureTemplate = (input: ProcedureTemplateInput) =>
  unwrapTagged<ProcedureTemplate>(client.POST('/api/v1/procedure-templates', { body: input as never }));

export const updateProcedureTemplate = (id: number, etag: string, input: ProcedureTemplateInput) =>
  unwrapTagged<ProcedureTemplate>(client.PUT('/api/v1/procedure-templates/{id}', {
    params: { path: { id } }, body: input as never, headers: { 'If-Match': etag },
  }));

export const getPriorityMatrix = () => unwrap<{ cells: PriorityMatrixCell[] }>(client.GET('/api/v1/priority-matrix'));

export const savePriorityMatrix = (cells: PriorityMatrixCell[]) =>
  unwrap<{ cells: PriorityMatrixCell[] }>(client.PUT('/api/v1/priority-matrix', { body: { cells } }));

/** What importing a configuration document would create or change, and any problems that block it. */
export interface ConfigPreview {
  changes: { kind: string; name: string; action: 'create' | 'update' | 'unchanged'; detail: string | null }[];
  problems: string[];
}

export const exportConfig = () => unwrap<unknown>(client.GET('/api/v1/admin/config'));

export const previewConfig = (document: unknown) =>
  unwrap<ConfigPreview>(client.POST('/api/v1/admin/config/preview', { body: document as never }));

export const applyConfig = (document: unknown) =>
  unwrap<ConfigPreview>(client.POST('/api/v1/admin/config/apply', { body: document as never }));

export const listApprovalRules = () => unwrap<ApprovalRule[]>(client.GET('/api/v1/approval-rules'));

export interface ApprovalRuleInput {
  name: string;
  isActive: boolean;
  workOrderType: string | null;
  minEstimatedCost: number | null;
  currency: string | null;
  gateStatus: WorkOrderStatus;
  steps: ApprovalStep[];
}

export const createApprovalRule = (input: ApprovalRuleInput) =>
  unwrapTagged<ApprovalRule>(client.POST('/api/v1/approval-rules', { body: input as never }));

export const updateApprovalRule = (id: number, etag: string, input: ApprovalRuleInput & { minPriority: Priority | null; locationId: number | null }) =>
  unwrapTagged<ApprovalRule>(client.PUT('/api/v1/approval-rules/{id}', {
    params: { path: { id } }, body: input as never, headers: { 'If-Match': etag },
  }));

export const listWorkOrderApprovals = (id: number) =>
  unwrap<WorkOrderApproval[]>(client.GET('/api/v1/work-orders/{id}/approvals', { params: { path: { id } } }));

export const decideApproval = (id: number, approvalId: number, approve: boolean, reason: string | null) =>
  unwrap<WorkOrderApproval>(client.POST('/api/v1/work-orders/{id}/approvals/{approvalId}/decision', {
    params: { path: { id, approvalId } }, body: { approve, reason },
  }));

export const listMyApprovals = () => unwrap<MyApproval[]>(client.GET('/api/v1/approvals/mine'));

export interface WorkOrderPatch {
  title?: string;
  priority?: Priority;
  dueAt?: string | null;
  assigneeUserIds?: number[];
}

export const updateWorkOrder = (id: number, etag: string, patch: WorkOrderPatch) =>
  unwrapTagged<WorkOrder>(client.PATCH('/api/v1/work-orders/{id}', {
    params: { path: { id } },
    body: patch as never,
    headers: { 'If-Match': etag, 'Content-Type': 'application/merge-patch+json' },
  }));

export const getWorkOrderHistory = (id: number) =>
  unwrap<Activity[]>(client.GET('/api/v1/work-orders/{id}/history', { params: { path: { id } } }));

export const listWorkOrderComments = (id: number) =>
  unwrap<Comment[]>(client.GET('/api/v1/work-orders/{id}/comments', { params: { path: { id } } }));

export const addWorkOrderComment = (id: number, body: string, idempotencyKey: string) =>
  unwrap<Comment>(client.POST('/api/v1/work-orders/{id}/comments', {
    params: { path: { id } }, body: { body, isInternal: false }, headers: { 'Idempotency-Key': idempotencyKey },
  }));

export const listWorkOrderAttachments = (id: number) =>
  unwrap<Attachment[]>(client.GET('/api/v1/work-orders/{id}/attachments', { params: { path: { id } } }));

// openapi-fetch sends a FormData body as it is, and the browser sets the multipart boundary.
const asForm = { bodySerializer: (body: unknown) => body as FormData };

export function uploadWorkOrderAttachment(id: number, file: File, idempotencyKey: string) {
  const form = new FormData();
  form.append('file', file);
  return unwrap<Attachment>(client.POST('/api/v1/work-orders/{id}/attachments', {
    params: { path: { id } }, body: form as never, headers: { 'Idempotency-Key': idempotencyKey }, ...asForm,
  }));
}

export const attachmentUrl = (id: number) => `/api/v1/attachments/${id}/content`;

export const bulkUpdateWorkOrders = (body: {
  ids: number[]; assigneeUserIds?: number[]; status?: WorkOrderStatus; reason?: string;
}) => unwrap<BulkResult>(client.POST('/api/v1/work-orders/bulk', { body }));

// --- Requests and triage ---

export const listRequests = (query: string) =>
  unwrap<ListPage<WorkRequest>>(client.GET('/api/v1/requests', rawQuery(query)));

export interface ApproveBody {
  type?: string | null;
  priority?: Priority | null;
  assigneeUserIds?: number[] | null;
  dueAt?: string | null;
}

export const approveRequest = (id: number, body: ApproveBody) =>
  unwrap<{ request: WorkRequest; workOrders: WorkOrder[] }>(client.POST('/api/v1/requests/{id}/approve', {
    params: { path: { id } }, body,
  }));

export const mergeRequest = (id: number, workOrderId: number) =>
  unwrap<WorkRequest>(client.POST('/api/v1/requests/{id}/merge', { params: { path: { id } }, body: { workOrderId } }));

export const declineRequest = (id: number, reason: string) =>
  unwrap<WorkRequest>(client.POST('/api/v1/requests/{id}/decline', { params: { path: { id } }, body: { reason } }));

export const getRequestHistory = (id: number) =>
  unwrap<Activity[]>(client.GET('/api/v1/requests/{id}/history', { params: { path: { id } } }));

export const listRequestAttachments = (id: number) =>
  unwrap<Attachment[]>(client.GET('/api/v1/requests/{id}/attachments', { params: { path: { id } } }));

// --- Public requests (no account) ---

export const getPlace = (key: string) =>
  unwrap<Place>(client.GET('/api/v1/public/places/{key}', { params: { path: { key } } }));

export interface PublicRequestInput {
  placeKey: string;
  description: string;
  contactName?: string;
  contactEmail?: string;
  photo?: File | null;
}

export function submitPublicRequest(input: PublicRequestInput, idempotencyKey: string) {
  const form = new FormData();
  form.append('placeKey', input.placeKey);
  form.append('description', input.description);
  if (input.contactName) form.append('contactName', input.contactName);
  if (input.contactEmail) form.append('contactEmail', input.contactEmail);
  if (input.photo) form.append('photo', input.photo);
  return unwrap<PublicRequestCreated>(client.POST('/api/v1/public/requests', {
    body: form as never, headers: { 'Idempotency-Key': idempotencyKey }, ...asForm,
  }));
}

export const getPublicRequest = (token: string) =>
  unwrap<PublicRequestStatus>(client.GET('/api/v1/public/requests/{token}', { params: { path: { token } } }));

export const addPublicComment = (token: string, body: string) =>
  unwrap<void>(client.POST('/api/v1/public/requests/{token}/comments', { params: { path: { token } }, body: { body } }));

// --- Saved views ---

export const listViews = () => unwrap<SavedView[]>(client.GET('/api/v1/me/views'));

export const createView = (name: string, query: string) =>
  unwrap<SavedView>(client.POST('/api/v1/me/views', { body: { name, query } }));

export const deleteView = (id: number) =>
  unwrap<void>(client.DELETE('/api/v1/me/views/{id}', { params: { path: { id } } }));

// --- Places ---

export const listLocations = (parentId: number | null) =>
  unwrap<ListPage<Location>>(client.GET('/api/v1/locations', rawQuery(toQuery({ parentId, pageSize: 200 }))));

export const getLocation = (id: number) =>
  unwrap<Location>(client.GET('/api/v1/locations/{id}', { params: { path: { id } } }));

export const labelSheetUrl = (locationId: number) => `/api/v1/locations/${locationId}/labels.svg`;

/** Returns the address of a printable SVG sheet of QR labels for the chosen locations and assets. */
export const labelSelectionUrl = (locationIds: number[], assetIds: number[]) =>
  `/api/v1/labels.svg?${toQuery({ locationIds: locationIds.join(','), assetIds: assetIds.join(',') })}`;

// --- Assets ---

/** Lists assets; query is a query string with locationId, parentId, subtreeOf, assetTypeId, status, minCriticality, q. */
export const listAssets = (query: string) =>
  unwrap<ListPage<Asset>>(client.GET('/api/v1/assets', rawQuery(query)));

export const getAsset = (id: number) =>
  unwrapTagged<Asset>(client.GET('/api/v1/assets/{id}', { params: { path: { id } } }));

/** Changed asset fields; a field left out, or sent as null, stays as it is. */
export interface AssetPatch {
  name?: string;
  category?: string;
  assetTypeId?: number;
  criticality?: number;
  make?: string;
  model?: string;
  serialNumber?: string;
  installDate?: string;
  warrantyStart?: string;
  warrantyEnd?: string;
  purchaseCost?: number;
  currency?: string;
  expectedLifeYears?: number;
  customFields?: Record<string, string>;
}

export const updateAsset = (id: number, etag: string, patch: AssetPatch) =>
  unwrapTagged<Asset>(client.PATCH('/api/v1/assets/{id}', {
    params: { path: { id } }, body: patch, headers: { 'If-Match': etag },
  }));

export const changeAssetStatus = (id: number, status: AssetStatus, reason: string | null) =>
  unwrap<Asset>(client.POST('/api/v1/assets/{id}/status', { params: { path: { id } }, body: { status, reason } }));

export interface AssetMove {
  locationId?: number;
  parentId?: number;
  toTopLevel?: boolean;
}

export const moveAsset = (id: number, move: AssetMove) =>
  unwrap<Asset>(client.POST('/api/v1/assets/{id}/move', {
    params: { path: { id } }, body: { ...move, toTopLevel: move.toTopLevel ?? false },
  }));

export const bulkChangeAssets = (selection: AssetSelection, set: AssetChanges, preview: boolean) =>
  unwrap<BulkAssetResult>(client.POST('/api/v1/assets/bulk', { body: { selection, set, preview } }));

export const listAssetDowntime = (id: number) =>
  unwrap<Downtime[]>(client.GET('/api/v1/assets/{id}/downtime', { params: { path: { id } } }));

export const getAssetTimeline = (id: number) =>
  unwrap<AssetTimelineEntry[]>(client.GET('/api/v1/assets/{id}/timeline', { params: { path: { id } } }));

export const assetTimelineCsvUrl = (id: number) => `/api/v1/assets/${id}/timeline?format=csv`;

/** Lists the asset's own documents together with the manuals of its type. */
export const listAssetAttachments = (id: number) =>
  unwrap<Attachment[]>(client.GET('/api/v1/assets/{id}/attachments', { params: { path: { id } } }));

export function uploadAssetAttachment(id: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return unwrap<Attachment>(client.POST('/api/v1/assets/{id}/attachments', {
    params: { path: { id } }, body: form as never, ...asForm,
  }));
}

/** Lists assets whose warranty ends within the given number of days, soonest first. */
export const listExpiringWarranties = (withinDays: number) =>
  unwrap<Asset[]>(client.GET('/api/v1/assets/warranties', rawQuery(toQuery({ withinDays }))));

export const listAssetTypes = () => unwrap<AssetType[]>(client.GET('/api/v1/asset-types'));

export const getAssetType = (id: number) =>
  unwrapTagged<AssetType>(client.GET('/api/v1/asset-types/{id}', { params: { path: { id } } }));

export interface AssetTypeInput {
  name: string;
  category: string;
  manufacturer: string;
  model: string;
  defaultProcedure: string;
  customFieldNames: string[];
  parts: AssetTypePart[];
}

/** Creates an asset type; empty texts are left out, so the new type stores no empty strings. */
export function createAssetType(input: AssetTypeInput) {
  const body = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== '')) as AssetTypeInput;
  return unwrap<AssetType>(client.POST('/api/v1/asset-types', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }));
}

export const updateAssetType = (id: number, etag: string, body: AssetTypeInput) =>
  unwrapTagged<AssetType>(client.PATCH('/api/v1/asset-types/{id}', {
    params: { path: { id } }, body, headers: { 'If-Match': etag },
  }));

// --- People ---

export const listUsers = () =>
  unwrap<ListPage<User>>(client.GET('/api/v1/users', rawQuery(toQuery({ pageSize: 200 }))));

export const getUser = (id: number) =>
  unwrapTagged<User>(client.GET('/api/v1/users/{id}', { params: { path: { id } } }));

export const createUser = (body: {
  email: string; displayName: string; role: Role; password?: string | null; vendorId?: number | null;
}) =>
  unwrap<User>(client.POST('/api/v1/users', { body, headers: { 'Idempotency-Key': newIdempotencyKey() } }));

export const updateUser = (id: number, etag: string, body: { displayName?: string; role?: Role; isActive?: boolean }) =>
  unwrapTagged<User>(client.PATCH('/api/v1/users/{id}', {
    params: { path: { id } }, body, headers: { 'If-Match': etag },
  }));

export const listTeams = () => unwrap<Team[]>(client.GET('/api/v1/teams'));

export const createTeam = (name: string, memberUserIds: number[]) =>
  unwrap<Team>(client.POST('/api/v1/teams', { body: { name, memberUserIds } }));

export const setTeamMembers = (id: number, memberUserIds: number[]) =>
  unwrap<Team>(client.PUT('/api/v1/teams/{id}/members', { params: { path: { id } }, body: { memberUserIds } }));

export const listVendors = () => unwrap<Vendor[]>(client.GET('/api/v1/vendors'));

export const getSystem = () => unwrap<SystemInfo>(client.GET('/api/v1/system'));

// --- Notifications ---

export const listNotifications = (unreadOnly: boolean) =>
  unwrap<ListPage<AppNotification>>(client.GET('/api/v1/notifications', { params: { query: { unreadOnly, pageSize: 100 } } }));

export const countUnreadNotifications = () =>
  unwrap<{ count: number }>(client.GET('/api/v1/notifications/unread-count'));

export const markNotificationRead = (id: number) =>
  unwrap<void>(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));

export const markAllNotificationsRead = () =>
  unwrap<{ marked: number }>(client.POST('/api/v1/notifications/read-all'));

export const listNotificationPreferences = () =>
  unwrap<NotificationPreference[]>(client.GET('/api/v1/notification-preferences'));

export const saveNotificationPreferences = (channels: Record<string, NotificationChannel>) =>
  unwrap<NotificationPreference[]>(client.PUT('/api/v1/notification-preferences', { body: { channels } as never }));

// --- Email templates ---

export const listEmailTemplates = () => unwrap<EmailTemplate[]>(client.GET('/api/v1/email-templates'));

export const saveEmailTemplate = (eventType: string, subject: string, body: string) =>
  unwrap<EmailTemplate>(client.PUT('/api/v1/email-templates/{eventType}', { params: { path: { eventType } }, body: { subject, body } }));

export const resetEmailTemplate = (eventType: string) =>
  unwrap<EmailTemplate>(client.DELETE('/api/v1/email-templates/{eventType}', { params: { path: { eventType } } }));

// --- Service levels ---

export interface CalendarInput {
  name: string;
  timeZone: string;
  hours: Record<string, string[]>;
  holidays: { date: string; yearly: boolean }[];
  isDefault: boolean;
}

export const listCalendars = () => unwrap<BusinessCalendar[]>(client.GET('/api/v1/calendars'));

export const createCalendar = (input: CalendarInput) =>
  unwrap<BusinessCalendar>(client.POST('/api/v1/calendars', { body: input as never }));

export interface SlaPolicyInput {
  name: string;
  rank: number;
  priority: string | null;
  category: string | null;
  responseMinutes: number | null;
  resolutionMinutes: number;
  atRiskMinutes: number;
  calendarId: number | null;
  type?: string | null;
  locationId?: number | null;
  pausedStatuses?: string[] | null;
  isActive?: boolean;
}

export const replaceCalendar = (id: number, input: CalendarInput) =>
  unwrap<BusinessCalendar>(client.PUT('/api/v1/calendars/{id}', { params: { path: { id } }, body: input as never }));

export const listSlaPolicies = () => unwrap<SlaPolicy[]>(client.GET('/api/v1/sla-policies'));

export const createSlaPolicy = (input: SlaPolicyInput) =>
  unwrap<SlaPolicy>(client.POST('/api/v1/sla-policies', { body: input as never }));

export const replaceSlaPolicy = (id: number, input: SlaPolicyInput) =>
  unwrap<SlaPolicy>(client.PUT('/api/v1/sla-policies/{id}', { params: { path: { id } }, body: input as never }));

export type EscalationRuleInput = Omit<EscalationRule, 'id' | 'version'>;

export const listEscalationRules = () => unwrap<EscalationRule[]>(client.GET('/api/v1/escalation-rules'));

export const createEscalationRule = (input: EscalationRuleInput) =>
  unwrap<EscalationRule>(client.POST('/api/v1/escalation-rules', { body: input as never }));

export const deleteEscalationRule = (id: number) =>
  unwrap<void>(client.DELETE('/api/v1/escalation-rules/{id}', { params: { path: { id } } }));

// --- Webhooks ---

export const listWebhooks = () => unwrap<Webhook[]>(client.GET('/api/v1/webhooks'));

export const createWebhook = (name: string, url: string, eventTypes: string[]) =>
  unwrap<Webhook>(client.POST('/api/v1/webhooks', { body: { name, url, eventTypes } }));

export const deleteWebhook = (id: number) =>
  unwrap<void>(client.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));

export const listWebhookDeliveries = (id: number) =>
  unwrap<WebhookDelivery[]>(client.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } } }));

export const replayWebhookDelivery = (id: number) =>
  unwrap<void>(client.POST('/api/v1/webhooks/deliveries/{id}/replay', { params: { path: { id } } }));

// --- Satisfaction survey (public) ---

export const getSurvey = (token: string) =>
  unwrap<PublicSurvey>(client.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } }));

export const answerSurvey = (token: string, rating: number, comment: string | null) =>
  unwrap<PublicSurvey>(client.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body: { rating, comment } }));

export { ApiError };

const locationNames = new Map<number, Promise<string>>();

/** Returns the names from the root down to the location, read from its id path such as "/1/4/9/". */
export async function locationTrail(location: Location): Promise<string[]> {
  const ids = location.path.split('/').filter(Boolean).map(Number);
  return Promise.all(ids.map((id) => {
    if (id === location.id) return Promise.resolve(location.name);
    let name = locationNames.get(id);
    if (!name) {
      name = getLocation(id).then((found) => found.name, () => `#${id}`);
      locationNames.set(id, name);
    }
    return name;
  }));
}

// --- Preventive maintenance: meters, schedules and the forecast ---

export const listMeters = (assetId: number) =>
  unwrap<Meter[]>(client.GET('/api/v1/assets/{assetId}/meters', { params: { path: { assetId } } }));

export const listMeterReadings = (meterId: number) =>
  unwrap<MeterReading[]>(client.GET('/api/v1/meters/{id}/readings', { params: { path: { id: meterId }, query: {} } }));

export const recordMeterReading = (meterId: number, reading: ReadingInput) =>
  unwrap<MeterReading>(client.POST('/api/v1/meters/{id}/readings', { params: { path: { id: meterId } }, body: reading as never }));

export const listSchedules = (q?: string) =>
  unwrap<Schedule[]>(client.GET('/api/v1/schedules', rawQuery(toQuery({ q }))));

export const createSchedule = (schedule: ScheduleInput) =>
  unwrap<Schedule>(client.POST('/api/v1/schedules', { body: schedule as never }));

export const replaceSchedule = (id: number, schedule: ScheduleInput) =>
  unwrap<Schedule>(client.PUT('/api/v1/schedules/{id}', { params: { path: { id } }, body: schedule as never }));

export const approveScheduleDeviation = (id: number) =>
  unwrap<Schedule>(client.POST('/api/v1/schedules/{id}/deviation/approve', { params: { path: { id } } }));

export const previewSchedule = (schedule: ScheduleInput, count = 8) =>
  unwrap<SchedulePreview>(client.POST('/api/v1/schedules/preview', {
    params: { query: { count } }, body: schedule as never,
  }));

export const bulkChangeSchedules = (selection: ScheduleSelection, set: ScheduleChanges, preview: boolean) =>
  unwrap<BulkScheduleResult>(client.POST('/api/v1/schedules/bulk', { body: { selection, set, preview } as never }));

export const getForecast = (months = 12) =>
  unwrap<Forecast>(client.GET('/api/v1/forecast', { params: { query: { months } } }));

export const listForecastOccurrences = (months = 12) =>
  unwrap<ForecastItem[]>(client.GET('/api/v1/forecast/occurrences', { params: { query: { months } } }));
