import { INTERVIEW_STATUSES, OUTCOMES, type InterviewStatus, type Outcome } from '@portal/shared/status';
import { WAITING_FILTERS, type WaitingFilter } from '@portal/shared/schemas';
import type { InterviewListFilters } from '../../api/trpc';

/** The list's filters live in the URL, so a filtered page can be bookmarked, shared and reloaded. */
export interface FilterParams {
  status: string;
  outcome: string;
  /** Waiting on the candidate's side: sent windows, on the waitlist, or a time held for them (docs/adr/0071–0073). */
  waiting: string;
  position: string;
  from: string;
  to: string;
  q: string;
  page: string;
}

export const PAGE_SIZE = 20;

const isStatus = (v: string): v is InterviewStatus => (INTERVIEW_STATUSES as readonly string[]).includes(v);
const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);
const isWaiting = (v: string): v is WaitingFilter => (WAITING_FILTERS as readonly string[]).includes(v);

/** Date inputs are the HR user's own days: "from" starts that local day, "to" includes the whole day. */
export function toListQuery(params: FilterParams): InterviewListFilters {
  const query: InterviewListFilters = { page: Math.max(1, Number.parseInt(params.page, 10) || 1), pageSize: PAGE_SIZE };
  if (isStatus(params.status)) query.status = params.status;
  if (isOutcome(params.outcome)) query.outcome = params.outcome;
  if (isWaiting(params.waiting)) query.waiting = params.waiting;
  if (params.position.trim() !== '') query.position = params.position.trim();
  if (params.q.trim() !== '') query.search = params.q.trim();
  const from = localDayStart(params.from, 0);
  const to = localDayStart(params.to, 1);
  if (from !== undefined) query.from = from;
  if (to !== undefined) query.to = to;
  return query;
}

function localDayStart(day: string, plusDays: number): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
