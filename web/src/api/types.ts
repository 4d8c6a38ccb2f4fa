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
  version: number;
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
  source: 'manual' | 'csv' | 'sensor';
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
