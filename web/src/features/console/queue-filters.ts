/**
 * The queue's filters live in the URL (shareable, kept on reload and Back). This module turns the
 * URL into the API's query and back.
 */
import type { Query } from '../../lib/api.ts';

export interface QueueFilters {
  /** '' = every open demand; 'any' = open and closed; else one state. */
  state: string;
  country: string;
  instrument: string;
  customer: string;
  reference: string;
  sort: 'deadline' | 'received';
  /** '' = anyone; 'me'; 'none' = unassigned; else a staff member's id. */
  assignee: string;
  /** '' or one of QUEUE_VIEWS. */
  view: string;
  /** Comma list of QUEUE_FLAGS, all must hold. */
  flags: string;
}

/** The queue's views (GET /api/v1/demands?view=…). */
export const QUEUE_VIEWS: { value: string; label: string }[] = [
  { value: 'overdue', label: 'Overdue' },
  { value: 'due_soon', label: 'Due within 24 hours' },
  { value: 'ageing', label: 'Ageing (open over 30 days)' },
];

/** The flags the queue filters by (all chosen must hold). */
export const QUEUE_FLAGS: { value: string; label: string }[] = [
  { value: 'emergency', label: 'Emergency' },
  { value: 'secrecy_order', label: 'Secrecy order' },
  { value: 'overbroad', label: 'Overbroad' },
  { value: 'unverified_requester', label: 'Unverified requester' },
  { value: 'due_24h', label: 'Due within 24 h' },
];

export const NO_FILTERS: QueueFilters = {
  state: '',
  country: '',
  instrument: '',
  customer: '',
  reference: '',
  sort: 'deadline',
  assignee: '',
  view: '',
  flags: '',
};

export function filtersFrom(q: URLSearchParams): QueueFilters {
  return {
    state: q.get('state') ?? '',
    country: q.get('country') ?? '',
    instrument: q.get('instrument') ?? '',
    customer: q.get('customer') ?? '',
    reference: q.get('reference') ?? '',
    sort: q.get('sort') === 'received' ? 'received' : 'deadline',
    assignee: q.get('assignee') ?? '',
    view: q.get('view') ?? '',
    flags: q.get('flags') ?? '',
  };
}

/** The URL query for a set of filters (defaults left out, the page cursor dropped). */
export function searchOf(f: QueueFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f))
    if (v && v !== (NO_FILTERS as unknown as Record<string, string>)[k]) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const PAGE_SIZE = 50;

/** The API query for GET /api/v1/demands. */
export function apiQuery(f: QueueFilters, cursor: string | undefined): Query {
  return {
    ...(f.state === '' ? { open: true } : f.state === 'any' ? {} : { state: f.state }),
    country: f.country,
    instrument: f.instrument,
    customer: f.customer,
    reference: f.reference.trim(),
    sort: f.sort,
    assignee: f.assignee,
    view: f.view,
    flags: f.flags,
    cursor,
    limit: PAGE_SIZE,
  };
}
