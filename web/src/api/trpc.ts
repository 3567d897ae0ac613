import { TRPCClientError, createTRPCClient, httpBatchLink, httpSubscriptionLink, retryLink, splitLink } from '@trpc/client';
import type { AppRouter } from '@portal/booking/app-router';

/** Refusals a new connection would get again: a bad link, no session, someone else's interview, bad input. */
const FINAL = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST']);
const isFinal = (error: unknown) => error instanceof TRPCClientError && FINAL.has(String((error.data as { code?: unknown } | undefined)?.code));

/**
 * The one API client. Same origin; `credentials: 'include'` carries the HR session cookie (an
 * EventSource sends it too, the stream being same-origin). Live pages subscribe over server-sent
 * events; a stream that breaks (the service restarting, a proxy answering 502) is opened again
 * with growing pauses and the id of the last event, so the page is told what it missed.
 */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: [
        retryLink({ retry: ({ error }) => !isFinal(error), retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 8_000) }),
        httpSubscriptionLink({ url: '/trpc' }),
      ],
      false: httpBatchLink({
        url: '/trpc',
        // Booking refuses batches over MAX_BATCH_SIZE (default 10).
        maxItems: 10,
        fetch: (url, init) => fetch(url, { ...init, credentials: 'include' }),
      }),
    }),
  ],
});

type Client = typeof trpc;
type Result<F> = F extends (...args: never[]) => PromiseLike<infer R> ? R : never;

export type CandidateView = Result<Client['candidate']['view']['query']>;
export type CandidateSlots = Result<Client['candidate']['slots']['query']>;
export type BookedSlot = NonNullable<CandidateView['slot']>;
/** A kind as HR reads it: titles, rules, settings, kit, archived (issue 50). */
export type KindRead = Result<Client['hr']['kinds']['all']['query']>[number];
/** A kind that takes invitations, with its rules and titles (issue 50). */
export type KindChoice = Result<Client['hr']['kinds']['list']['query']>[number];
export type Interviewer = Result<Client['hr']['interviewers']['list']['query']>[number];
export type InterviewerDraft = Parameters<Client['hr']['interviewers']['upsert']['mutate']>[0];
export type InterviewPage = Result<Client['hr']['interviews']['list']['query']>;
export type InterviewRow = InterviewPage['items'][number];
export type InterviewDetail = Result<Client['hr']['interviews']['get']['query']>;
export type InterviewListFilters = Parameters<Client['hr']['interviews']['list']['query']>[0];
export type HrUser = NonNullable<Result<Client['hr']['auth']['me']['query']>>;
export type HrUserRow = Result<Client['hr']['users']['list']['query']>[number];
/** The teams the signed-in user acts in, the role in each, and the session's team (docs/adr/0076). */
export type HrTeams = Result<Client['hr']['teams']['mine']['query']>;
export type CalendarStatus = Result<Client['hr']['calendars']['status']['query']>;
export type OrganisationCalendarsStatus = Result<Client['hr']['organisationCalendars']['status']['query']>;
export type CalendarChoice = Result<Client['hr']['calendars']['test']['mutate']>['calendars'][number];
export type ApiKeyRow = Result<Client['hr']['apiKeys']['list']['query']>[number];
export type NewApiKey = Result<Client['hr']['apiKeys']['create']['mutate']>;
export type CandidateLoop = NonNullable<Result<Client['candidate']['loop']['query']>>;
export type LoopItineraries = Result<Client['candidate']['itineraries']['query']>;
export type CandidateApplication = Result<Client['candidate']['interviews']['query']>;
export type ApplicationInterview = CandidateApplication['interviews'][number];
export type HrLoopDetail = Result<Client['hr']['loops']['get']['query']>;
export type LoopTemplate = Result<Client['hr']['loops']['templates']['query']>[number];
export type LoopTemplateDraft = Parameters<Client['hr']['loops']['saveTemplate']['mutate']>[0];
export type SessionTimes = Result<Client['candidate']['sessionTimes']['query']>;
/** A loop session's re-pick with no time of its own: the whole loop offered again (docs/adr/0032). */
export type LoopRebook = NonNullable<Extract<SessionTimes, { rebook: unknown }>['rebook']>;
