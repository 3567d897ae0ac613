import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '@portal/booking/app-router';

/** The one API client. Same origin; `credentials: 'include'` carries the HR session cookie. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // Booking refuses batches over MAX_BATCH_SIZE (default 10).
      maxItems: 10,
      fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }),
    }),
  ],
});

type Client = typeof trpc;
type Result<F> = F extends (...args: never[]) => PromiseLike<infer R> ? R : never;

export type CandidateView = Result<Client['candidate']['view']['query']>;
export type CandidateSlots = Result<Client['candidate']['slots']['query']>;
export type BookedSlot = NonNullable<CandidateView['slot']>;
export type Interviewer = Result<Client['hr']['interviewers']['list']['query']>[number];
export type InterviewerDraft = Parameters<Client['hr']['interviewers']['upsert']['mutate']>[0];
export type InterviewPage = Result<Client['hr']['interviews']['list']['query']>;
export type InterviewRow = InterviewPage['items'][number];
export type InterviewDetail = Result<Client['hr']['interviews']['get']['query']>;
export type InterviewListFilters = Parameters<Client['hr']['interviews']['list']['query']>[0];
export type HrUser = NonNullable<Result<Client['hr']['auth']['me']['query']>>;
export type HrUserRow = Result<Client['hr']['users']['list']['query']>[number];
export type CalendarStatus = Result<Client['hr']['calendars']['status']['query']>;
export type CalendarChoice = Result<Client['hr']['calendars']['test']['mutate']>['calendars'][number];
export type ApiKeyRow = Result<Client['hr']['apiKeys']['list']['query']>[number];
export type NewApiKey = Result<Client['hr']['apiKeys']['create']['mutate']>;
export type CandidateLoop = NonNullable<Result<Client['candidate']['loop']['query']>>;
export type LoopItineraries = Result<Client['candidate']['itineraries']['query']>;
