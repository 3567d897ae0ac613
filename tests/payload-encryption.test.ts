import { Connection, defaultPayloadConverter } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_LINK_QUERY, LIFECYCLE_STATE_QUERY, type LifecycleInput } from '@portal/shared/lifecycle';
import { DEV_PAYLOAD_KEYS, ENCRYPTED_ENCODING, KEY_ID_METADATA, parsePayloadKeys } from '@portal/shared/payload-codec';
import { testTemporalAddress } from '@portal/devstack/testing';
import { alwaysAvailableInterviewer, inviteAndReadLink, signInAsAdmin } from './support/fixtures';
import { withDatabase } from './support/database';
import { allTextIn, payloadsIn } from './support/history-payloads';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';
import { portalTemporalClient } from './support/temporal-client';

const candidate = { name: `Ada Codec${Date.now()}`, email: `ada.codec.${Date.now()}@example.test` };
const keys = parsePayloadKeys(DEV_PAYLOAD_KEYS);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();

let portal: PortalUnderTest;
let temporal: Connection;
let interviewId: string;
let token: string;
/** The candidate's data key id (docs/adr/0030). */
let candidateKeyId: string;

beforeAll(async () => {
  portal = await sharedPortal();
  temporal = await Connection.connect({ address: testTemporalAddress() });
  const hr = await signInAsAdmin(portal.api);
  const interviewer = await alwaysAvailableInterviewer(hr, 'Codec Interviewer');
  ({ interviewId, token } = await inviteAndReadLink(hr, portal.sinkUrl, candidate, [interviewer.id]));
  const stored = await withDatabase(portal.mongoUrl, (db) => db.collection<{ _id: string; candidateKeyId?: string }>('interviews').findOne({ _id: interviewId }));
  if (!stored?.candidateKeyId) throw new Error('the interview names no candidate key');
  candidateKeyId = stored.candidateKeyId;
});

afterAll(async () => {
  await temporal?.close();
  await portal?.stop();
});

describe('candidate data in Temporal', () => {
  it('an invitation leaves no candidate name, email or link in clear anywhere in its workflow history', async () => {
    const history = await portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`).fetchHistory();
    const everything = allTextIn(history);
    expect(everything).toContain(interviewId);
    for (const secret of [candidate.email, candidate.name, token]) expect(everything).not.toContain(secret);
  });

  it('every payload outside the search attributes is encrypted under the candidate’s own key and names it; they decode with it', async () => {
    const history = await portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`).fetchHistory();
    // A patch marker's details and a local activity marker's bookkeeping are written by the SDK's
    // core, not through the codec: a patch's name, or sequence, attempt, activity type and times.
    // Nothing of the candidate (the test above reads every byte); the activity's result is encrypted.
    const isCoreMarker = (path: string) => /markerRecordedEventAttributes\.details\.(patch-data|data)\./.test(path);
    const coreKeys = new Set(['id', 'deprecated', 'seq', 'attempt', 'activity_id', 'activity_type', 'complete_time', 'backoff', 'original_schedule_time']);
    for (const { path, payload } of payloadsIn(history).filter(({ path }) => isCoreMarker(path))) {
      expect(Object.keys(JSON.parse(text(payload.data)) as object).filter((key) => !coreKeys.has(key)), path).toEqual([]);
    }
    const payloads = payloadsIn(history).filter(({ path }) => !/searchAttributes|indexedFields/i.test(path) && !isCoreMarker(path));
    expect(payloads.length).toBeGreaterThan(5);
    for (const { path, payload } of payloads) {
      expect(text(payload.metadata?.encoding), path).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[KEY_ID_METADATA]), path).toBe(candidateKeyId);
    }
    expect(candidateKeyId).not.toBe(keys.primaryId);
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const [input] = await portalTemporalClient(temporal).options.loadedDataConverter.payloadCodecs[0]?.decode(started) ?? [];
    const decoded = defaultPayloadConverter.fromPayload<LifecycleInput>(input ?? {});
    expect(decoded).toMatchObject({ interviewId, candidateName: candidate.name, candidateEmail: candidate.email });
  });

  it('the CandidateEmail search attribute is the candidate’s random key id, which finds the lifecycle and names nobody once erased', async () => {
    const found: string[] = [];
    for await (const execution of portalTemporalClient(temporal).workflow.list({ query: `CandidateEmail = "${candidateKeyId}"` })) {
      found.push(execution.workflowId);
    }
    expect(found).toEqual([`interview-${interviewId}`]);
  });

  it('the state query carries no link; HR reads it through the encrypted link query', async () => {
    const handle = portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`);
    const state = await handle.query<Record<string, unknown>>(LIFECYCLE_STATE_QUERY);
    expect(JSON.stringify(state)).not.toContain(token);
    expect(state).toMatchObject({ linkIssued: true });
    expect(await handle.query<string>(LIFECYCLE_LINK_QUERY)).toContain(token);
    const hr = await signInAsAdmin(portal.api);
    expect(await hr.query<{ link: string }>('hr.interviews.candidateLink', { interviewId })).toEqual({ link: expect.stringContaining(token) });
  });
});

describe('what the Web UI can ask a lifecycle', () => {
  it('its stack trace is off by default (WORKFLOW_STACK_TRACES), so its tab says so; the state still answers', async () => {
    const handle = portalTemporalClient(temporal).workflow.getHandle(`interview-${interviewId}`);
    await expect(handle.query('__stack_trace')).rejects.toThrow(/stack traces are not enabled/i);
    await expect(handle.query<{ status: string }>(LIFECYCLE_STATE_QUERY)).resolves.toMatchObject({ status: 'INVITED' });
  });
});
