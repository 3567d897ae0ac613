import { z } from 'zod';
import { eraseCandidateInput, exportCandidateInput } from '@portal/shared/privacy-inputs';
import { hrPrivacyRouter } from './hr-privacy';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ privacy: hrPrivacyRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'Candidates';

const erasure = z
  .object({
    status: z.enum(['ERASED', 'NOTHING_HELD']).meta({
      description: '`NOTHING_HELD`: no interview names this address, because it was erased already (an erasure may be repeated safely) or never invited.',
    }),
    erasureId: z.string().nullable().meta({ description: 'The erasure’s log entry (who, when, which interviews; never the person).' }),
    interviewIds: z.array(z.string()).meta({ description: 'Interviews whose personal data was erased; their counts, statuses and outcomes stay.' }),
    cancelledIds: z.array(z.string()).meta({ description: 'Interviews that were still open and were cancelled first.' }),
  })
  .meta({ id: 'CandidateErasure' });

const message = z.object({ id: z.string(), kind: z.string(), channel: z.enum(['email', 'sms']), to: z.string(), subject: z.string(), status: z.string(), sentAt: z.string().nullable(), events: z.array(z.object({ type: z.string(), at: z.string().nullable(), details: z.string().nullable() })) });
const exported = z
  .object({
    exportedAt: z.string(),
    candidate: z.object({ names: z.array(z.string()), emails: z.array(z.string()), timezones: z.array(z.string()) }),
    interviews: z.array(
      z.looseObject({
        interviewId: z.string(),
        position: z.string(),
        status: z.string(),
        outcome: z.string(),
        slot: z.object({ start: z.string().nullable(), end: z.string().nullable(), interviewerIds: z.array(z.string()) }).nullable(),
        timeline: z.array(z.looseObject({ at: z.string().nullable(), type: z.string(), detail: z.string() })),
        messages: z.array(message),
        scorecards: z.array(z.looseObject({ interviewerId: z.string(), notes: z.string() })),
        webhookEvents: z.array(z.looseObject({ id: z.string(), type: z.string() })),
      }),
    ),
  })
  .meta({ id: 'CandidateExport', description: 'Everything the portal holds about the candidate (a subject access request).' });

export const candidateDataRoutes = [
  route({
    method: 'post',
    path: '/candidates/erasure',
    operationId: 'eraseCandidate',
    summary: 'Erase a candidate’s personal data everywhere the portal keeps it',
    description:
      'Open interviews are cancelled first (the usual emails unless `notify: false`) and their lifecycles end; then the candidate’s data key is destroyed (every Temporal payload it sealed becomes unreadable), personal fields are erased in every collection, and calendar events written for interviewers are deleted. Counts and outcomes stay. Repeating it is safe: the second answer is `NOTHING_HELD`.',
    tag: TAG,
    credential: 'key',
    body: eraseCandidateInput,
    status: 200,
    response: erasure,
    refusals: [400],
    run: ({ caller, body }) => caller.hr.privacy.erase(body),
  }),
  route({
    method: 'post',
    path: '/candidates/export',
    operationId: 'exportCandidate',
    summary: 'Everything the portal holds about a candidate, as one JSON document',
    description: 'Interviews, times, statuses and outcomes, the timeline, every message sent, scorecards and webhook events: a subject access request (GDPR art. 15). POST so the address stays out of URLs and logs.',
    tag: TAG,
    credential: 'key',
    scopes: ['read'],
    body: exportCandidateInput,
    status: 200,
    response: exported,
    refusals: [400],
    run: ({ caller, body }) => caller.hr.privacy.export(body),
  }),
  route({
    method: 'get',
    path: '/retention/report',
    operationId: 'retentionReport',
    summary: 'What the next retention run would erase (a dry run)',
    tag: TAG,
    credential: 'key',
    status: 200,
    response: z
      .object({
        policy: z.object({ personalDataDays: z.number(), updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
        asOf: z.string(),
        candidates: z.array(z.object({ candidateName: z.string(), candidateEmail: z.string(), interviewIds: z.array(z.string()), lastEndedAt: z.string(), dueAt: z.string() })),
      })
      .meta({ id: 'RetentionReport' }),
    refusals: [],
    run: ({ caller }) => caller.hr.privacy.retentionReport(),
  }),
];
