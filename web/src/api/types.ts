// Response bodies of the Workdesk API. The OpenAPI document describes request bodies and
// parameters but not responses yet, so these mirror the server's *Response records.
import type { components } from './schema';

export type Role = NonNullable<components['schemas']['Role']>;
export type Priority = NonNullable<components['schemas']['Priority']>;
export type WorkOrderStatus = components['schemas']['WorkOrderStatus'];
export type RequestStatus = 'new' | 'approved' | 'merged' | 'declined';

export const workOrderStatuses: WorkOrderStatus[] = [
  'open', 'assigned', 'in_progress', 'on_hold', 'completed', 'closed', 'cancelled', 'reopened',
];
export const priorities: Priority[] = ['low', 'medium', 'high', 'urgent'];
export const roles: Role[] = ['administrator', 'dispatcher', 'technician', 'requester', 'vendor'];

export interface ListPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalCount: number;
  /** True when totalCount is a lower bound, because a work order search counts its matches only up to a limit. */
  totalCountIsLowerBound?: boolean;
}

export interface Me {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  vendorId: number | null;
  sitePaths: string[];
}

export interface WorkOrder {
  id: number;
  title: string;
  description: string | null;
  type: string;
  category: string | null;
  priority: Priority;
  status: WorkOrderStatus;
  statusReason: string | null;
  locationId: number | null;
  assetId: number | null;
  requesterId: number | null;
  requestId: number | null;
  /** The preventive maintenance schedule that created the work order; null for other work. */
  scheduleId: number | null;
  vendorId: number | null;
  parentId: number | null;
  assigneeUserIds: number[];
  assigneeTeamIds: number[];
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
  statusKey: string;
  workflowVersion: number;
  customFields: Record<string, unknown>;
  estimatedCost: number | null;
  estimatedCostCurrency: string | null;
  sla?: SlaView | null;
  version: number;
}

export type WorkflowDefinition = components['schemas']['WorkflowDefinition'];
export type WorkflowStatus = components['schemas']['WorkflowStatus'];
export type WorkflowTransition = components['schemas']['WorkflowTransition'];
export type FieldDefinition = components['schemas']['FieldDefinition'];
export type FieldKind = FieldDefinition['kind'];
export type ProcedureSection = components['schemas']['ProcedureSection'];
export type ProcedureStep = components['schemas']['ProcedureStep'];
export type StepKind = ProcedureStep['kind'];
export type Level = 'low' | 'medium' | 'high';
export const levels: Level[] = ['low', 'medium', 'high'];
export const fieldKinds: FieldKind[] = ['text', 'number', 'date', 'choice', 'multi_choice', 'user', 'asset', 'location'];
export const stepKinds: StepKind[] = ['check', 'pass_fail', 'number', 'text', 'choice', 'photo', 'signature', 'meter'];

export interface WorkOrderTypeSummary {
  key: string;
  name: string;
  currentVersion: number;
  builtIn: boolean;
}

export interface WorkOrderTypeDetail extends WorkOrderTypeSummary {
  versions: number[];
  workflow: WorkflowDefinition;
}

export interface NextStatus {
  statusKey: string;
  name: string;
  category: WorkOrderStatus;
  requiresReason: boolean;
  requiredFields: string[];
  readOnlyFields: string[];
  hiddenFields: string[];
}

export interface UpgradePreview {
  type: string;
  toVersion: number;
  workOrderCount: number;
  statuses: { fromVersion: number; fromStatus: string; count: number; toStatus: string | null }[];
  problems: string[];
}

export type StepOutcome = 'done' | 'passed' | 'failed' | 'flagged';

export interface StepResult {
  stepKey: string;
  value: unknown;
  outcome: StepOutcome;
  note: string | null;
  attachmentId: number | null;
  signerName: string | null;
  recordedById: number | null;
  recordedAt: string;
  followUpWorkOrderId: number | null;
}

export interface WorkOrderProcedure {
  id: number;
  templateId: number | null;
  templateVersion: number;
  name: string;
  sections: ProcedureSection[];
  results: StepResult[];
  missingRequired: string[];
}

export interface ProcedureLink {
  workOrderType?: string | null;
  assetTypeId?: number | null;
  assetId?: number | null;
}

export interface ProcedureTemplate {
  id: number;
  name: string;
  description: string | null;
  sections: ProcedureSection[];
  attachTo: ProcedureLink[];
  version: number;
}

export interface PriorityMatrixCell {
  urgency: Level;
  impact: Level;
  priority: Priority;
}

export interface ApprovalStep {
  role?: Role | null;
  locationManager?: boolean;
  userId?: number | null;
}

export interface ApprovalRule {
  id: number;
  name: string;
  isActive: boolean;
  workOrderType: string | null;
  minPriority: Priority | null;
  minEstimatedCost: number | null;
  currency: string | null;
  locationId: number | null;
  gateStatus: WorkOrderStatus;
  steps: ApprovalStep[];
  version: number;
}

export interface WorkOrderApproval {
  id: number;
  workOrderId: number;
  ruleName: string;
  state: 'pending' | 'approved' | 'rejected';
  currentStep: number;
  steps: ApprovalStep[];
  decisions: { step: number; approved: boolean; reason: string | null; decidedById: number; decidedAt: string }[];
}

/** A pending approval whose current step the signed-in user may decide, from /approvals/mine. */
export interface MyApproval {
  id: number;
  workOrderId: number;
  workOrderTitle: string;
  estimatedCost: number | null;
  estimatedCostCurrency: string | null;
  ruleId: number | null;
  ruleName: string;
  gateStatus: WorkOrderStatus;
  currentStep: number;
  stepCount: number;
  step: ApprovalStep;
  createdAt: string;
}

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'paused' | 'met';

/** A work order's service level: due times, state and business minutes left (negative once breached). */
export interface SlaView {
  policyId: number;
  policyName: string;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  state: SlaState;
  remainingMinutes: number;
}

export interface WorkRequest {
  id: number;
  title: string;
  description: string | null;
  status: RequestStatus;
  source: string;
  category: string | null;
  locationId: number | null;
  assetId: number | null;
  requesterId: number | null;
  contactName: string | null;
  contactEmail: string | null;
  declineReason: string | null;
  workOrderId: number | null;
  createdAt: string;
  version: number;
}

export interface Comment {
  id: number;
  authorId: number | null;
  body: string;
  isInternal: boolean;
  createdAt: string;
}

export interface Activity {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

export interface Attachment {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface Location {
  id: number;
  parentId: number | null;
  name: string;
  code: string | null;
  path: string;
  address: string | null;
  version: number;
  /** Added by the public request feature; absent on older servers. */
  requestKey?: string | null;
  requestUrl?: string | null;
}

export type AssetStatus = NonNullable<components['schemas']['AssetStatus']>;
export const assetStatuses: AssetStatus[] = ['in_service', 'down', 'standby', 'retired'];

/** Straight-line depreciation from the install date; absent without cost, install date or expected life. */
export interface Depreciation {
  bookValue: number;
  depreciationPerYear: number;
  remainingLifeYears: number;
}

export interface Asset {
  id: number;
  tag: string;
  name: string;
  category: string | null;
  assetTypeId: number | null;
  locationId: number | null;
  parentId: number | null;
  /** Ids from the top-level asset down to this one, such as "/4/9/". */
  path: string;
  /** 1 (low) to 5 (critical). */
  criticality: number;
  status: AssetStatus;
  make: string | null;
  model: string | null;
  serialNumber: string | null;
  /** Calendar dates as yyyy-mm-dd. */
  installDate: string | null;
  warrantyStart: string | null;
  warrantyEnd: string | null;
  purchaseCost: number | null;
  /** ISO 4217 code such as EUR. */
  currency: string | null;
  expectedLifeYears: number | null;
  depreciation: Depreciation | null;
  customFields: Record<string, string> | null;
  externalId: string | null;
  version: number;
  requestKey?: string | null;
  requestUrl?: string | null;
}

export interface AssetTypePart {
  partNumber: string;
  name: string;
  quantity: number;
}

export interface AssetType {
  id: number;
  name: string;
  category: string | null;
  manufacturer: string | null;
  model: string | null;
  defaultProcedure: string | null;
  customFieldNames: string[];
  parts: AssetTypePart[];
  externalId: string | null;
  version: number;
}

/** One event in an asset's history; kind is created, moved, status_changed, bulk_changed, work_order or work_done. */
export interface AssetTimelineEntry {
  at: string;
  kind: string;
  description: string;
  actorId: number | null;
  workOrderId: number | null;
}

export interface Downtime {
  id: number;
  startedAt: string;
  endedAt: string | null;
  reason: string | null;
  /** Hours down so far for an open period. */
  hours: number | null;
}

export type AssetSelection = components['schemas']['AssetSelection'];
export type AssetChanges = components['schemas']['AssetChanges'];

export interface BulkAssetChange {
  id: number;
  tag: string;
  field: string;
  from: string | null;
  to: string | null;
}

export interface BulkAssetResult {
  applied: boolean;
  assetCount: number;
  changes: BulkAssetChange[];
}

export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  isActive: boolean;
  vendorId: number | null;
  siteLocationIds: number[];
  version: number;
}

export interface Team {
  id: number;
  name: string;
  memberUserIds: number[];
  version: number;
}

export interface Vendor {
  id: number;
  name: string;
  email: string | null;
  version: number;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  id: number;
  name: string;
  token: string;
  expiresAt: string | null;
}

export interface Place {
  key: string;
  locationId: number | null;
  locationName: string | null;
  locationPath: string[];
  assetId: number | null;
  assetName: string | null;
  assetTag: string | null;
}

export interface PublicRequestCreated {
  statusToken: string;
  statusUrl: string;
}

export interface PublicRequestStatus {
  title: string;
  description: string | null;
  status: RequestStatus;
  workOrderStatus: WorkOrderStatus | null;
  declineReason: string | null;
  createdAt: string;
  placeName: string | null;
  comments: { body: string; createdAt: string; fromRequester: boolean }[];
}

export interface SavedView {
  id: number;
  name: string;
  query: string;
}

export interface BulkResult {
  results: { id: number; ok: boolean; error: string | null }[];
}

export interface SystemInfo {
  version: string;
  provider: string;
  database: string;
  dataDirectory: string;
}

/** A resource read together with the ETag that guards the next change to it. */
export interface Tagged<T> {
  value: T;
  etag: string;
}

// --- Preventive maintenance: meters, schedules and the forecast ---

export type MeterKind = 'running_hours' | 'cycles' | 'distance' | 'temperature' | 'pressure' | 'vibration' | 'other';

export interface Meter {
  id: number;
  assetId: number;
  name: string;
  kind: MeterKind;
  unit: string;
  isCumulative: boolean;
  lastValue: number | null;
  lastTotal: number | null;
  lastReadAt: string | null;
}

export interface MeterReading {
  id: number;
  meterId: number;
  value: number;
  total: number;
  takenAt: string;
  source: 'manual' | 'csv' | 'sensor' | 'procedure';
  reset: boolean;
  rolloverValue: number | null;
}

export interface ReadingInput {
  value: number | null;
  takenAt?: string;
  reset?: boolean;
  rolloverValue?: number | null;
}

export type ScheduleTrigger = 'calendar' | 'floating' | 'meter' | 'condition';
export type IntervalUnit = 'days' | 'weeks' | 'months';
export type CatchUpPolicy = 'all' | 'latest_only' | 'skip';
export type ThresholdDirection = 'above' | 'below';

export interface ScheduleInput {
  name: string;
  trigger: ScheduleTrigger;
  type?: string;
  instructions?: string | null;
  teamId?: number | null;
  estimatedHours?: number | null;
  leadTimeDays?: number | null;
  assetIds?: number[];
  startsAt?: string | null;
  timeZone?: string | null;
  rule?: string | null;
  intervalCount?: number | null;
  intervalUnit?: IntervalUnit | null;
  catchUp?: CatchUpPolicy;
  waitForPrevious?: boolean;
  priority?: Priority;
  assigneeUserId?: number | null;
  isActive?: boolean;
  selectionAssetTypeId?: number | null;
  selectionLocationId?: number | null;
  selectionCategory?: string | null;
  meterName?: string | null;
  meterInterval?: number | null;
  threshold?: number | null;
  direction?: ThresholdDirection | null;
  resetBand?: number | null;
  manufacturerInterval?: string | null;
  deviationJustification?: string | null;
}

export interface Schedule extends Required<Pick<ScheduleInput, 'name' | 'trigger'>> {
  id: number;
  type: string;
  instructions: string | null;
  teamId: number | null;
  estimatedHours: number | null;
  leadTimeDays: number;
  isActive: boolean;
  assetIds: number[];
  /** Null for meter and condition schedules. */
  startsAt: string | null;
  timeZone: string | null;
  rule: string | null;
  intervalCount: number | null;
  intervalUnit: IntervalUnit | null;
  interval: string;
  catchUp: CatchUpPolicy;
  waitForPrevious: boolean;
  priority: Priority;
  assigneeUserId: number | null;
  selectionAssetTypeId: number | null;
  selectionLocationId: number | null;
  selectionCategory: string | null;
  meterName: string | null;
  meterInterval: number | null;
  threshold: number | null;
  direction: ThresholdDirection | null;
  resetBand: number | null;
  manufacturerInterval: string | null;
  deviationJustification: string | null;
  deviationStatus: 'none' | 'approved' | 'unapproved';
  version: number;
}

export interface DueTime {
  dueAt: string;
  local: string;
  timeZone: string;
}

export interface SchedulePreview {
  occurrences: DueTime[];
  note: string | null;
}

/** The filters that choose the schedules of a bulk change, combined with AND. */
export interface ScheduleSelection {
  q?: string;
  trigger?: ScheduleTrigger;
}

export interface ScheduleChanges {
  rule?: string;
  leadTimeDays?: number;
  teamId?: number;
  startsAt?: string;
  instructions?: string;
}

export interface BulkScheduleResult {
  applied: boolean;
  scheduleCount: number;
  changes: { id: number; name: string; field: string; from: string | null; to: string | null }[];
}

export interface ForecastGroup {
  key: string;
  label: string | null;
  count: number;
  hours: number;
}

export interface Forecast {
  from: string;
  until: string;
  count: number;
  hours: number;
  byAsset: ForecastGroup[];
  byTeam: ForecastGroup[];
  byWeek: ForecastGroup[];
}

export interface ForecastItem {
  scheduleId: number;
  scheduleName: string;
  assetId: number;
  assetTag: string;
  teamId: number | null;
  dueAt: string;
  local: string;
  timeZone: string;
  estimatedHours: number;
}

export interface AppNotification {
  id: number;
  eventType: string;
  title: string;
  body: string | null;
  workOrderId: number | null;
  createdAt: string;
  readAt: string | null;
}

export type NotificationChannel = 'in_app' | 'email' | 'digest' | 'off';
export const notificationChannels: NotificationChannel[] = ['in_app', 'email', 'digest', 'off'];

export interface NotificationPreference {
  eventType: string;
  channel: NotificationChannel;
  isDefault: boolean;
}

export interface BusinessCalendar {
  id: number;
  name: string;
  timeZone: string;
  hours: Record<string, string[]>;
  holidays: { date: string; yearly: boolean }[];
  isDefault: boolean;
  version: number;
}

export interface SlaPolicy {
  id: number;
  name: string;
  rank: number;
  priority: Priority | null;
  type: string | null;
  category: string | null;
  locationId: number | null;
  responseMinutes: number | null;
  resolutionMinutes: number;
  atRiskMinutes: number;
  pausedStatuses: string[];
  calendarId: number | null;
  isActive: boolean;
  version: number;
}

export type SlaTarget = 'first_response' | 'resolution';

export interface EscalationRule {
  id: number;
  name: string;
  target: SlaTarget;
  minutesBefore: number;
  policyId: number | null;
  priority: Priority | null;
  notifyAssignees: boolean;
  notifyUserIds: number[];
  notifyRole: Role | null;
  notifyTeamId: number | null;
  reassignUserId: number | null;
  reassignTeamId: number | null;
  raisePriorityTo: Priority | null;
  isActive: boolean;
  version: number;
}

export interface Webhook {
  id: number;
  name: string;
  url: string;
  eventTypes: string[];
  isActive: boolean;
  secret: string | null;
}

export interface WebhookDelivery {
  id: number;
  eventType: string;
  createdAt: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  availableAt: string;
}

export const webhookEventTypes = [
  'work_order.created', 'work_order.status_changed', 'work_order.assigned', 'work_order.completed',
  'sla.at_risk', 'sla.breached', 'request.received', 'comment.added',
];

export interface PublicSurvey {
  title: string;
  answered: boolean;
  rating: number | null;
  comment: string | null;
}

export interface EmailTemplate {
  eventType: string;
  description: string;
  subject: string;
  body: string;
  isDefault: boolean;
  placeholders: string[];
  defaultSubject: string;
  defaultBody: string;
}
