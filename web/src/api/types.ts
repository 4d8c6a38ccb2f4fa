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

export interface Asset {
  id: number;
  tag: string;
  name: string;
  category: string | null;
  locationId: number | null;
  parentId: number | null;
  make: string | null;
  model: string | null;
  serialNumber: string | null;
  version: number;
  requestKey?: string | null;
  requestUrl?: string | null;
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
