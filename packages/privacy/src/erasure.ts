import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '@portal/db';
import { destroyCandidateKey, releaseCandidateClaims } from '@portal/db/candidate-keys';
import type { InterviewDocument } from '@portal/db/documents';
import { LIFECYCLE_UPDATES, type EraseRequest } from '@portal/shared/lifecycle';
import { loopWorkflowId } from '@portal/shared/loops';
import type { CandidateKeyring, PayloadKeys } from '@portal/shared/payload-codec';
import { interviewWorkflowId } from '@portal/shared/search-attributes';
import { deleteCalendarEvents, type ErasureCalendars } from './calendar-events';
import type { CandidateRecords } from './candidate-interviews';
import { erasePersonalRows } from './personal-data';

export { candidateRecords } from './candidate-interviews';

export interface ErasureDeps {
  db: Database;
  temporal: Client;
  masterKeys: PayloadKeys;
  /** This process's keyring, told at once that a key is gone. */
  keyring?: CandidateKeyring | undefined;
  calendar: ErasureCalendars;
  /** Postmark's account API: what it keeps of mail to and from the candidate is removed too. Absent: nothing asked. */
  mailProvider?: { apiUrl: string; accountToken: string } | undefined;
}

export interface ErasureRequest {
  actor: string;
  /** Tell the candidate that an open interview is cancelled (the usual email). */
  notify: boolean;
  trigger: 'request' | 'retention';
}

export interface ErasureResult {
  /** `NOTHING_HELD`: no interview names this candidate (never invited, or erased already). */
  status: 'ERASED' | 'NOTHING_HELD';
  erasureId: string | null;
  interviewIds: string[];
  /** Open interviews the erasure cancelled. */
  cancelledIds: string[];
}

/**
 * Erases a candidate (docs/adr/0030), in an order that can be run again from any point:
 * 1. each lifecycle still running takes the erase update (an open interview is cancelled with the
 *    usual messages, the panel's calendar event goes) and is awaited to its end, a loop's own
 *    workflow too, so nothing runs under the key afterwards;
 * 2. calendar events of the interviews whose lifecycles had already ended are deleted;
 * 3. the data keys are destroyed: every payload they sealed, in every history and backup, is noise;
 * 4. the personal fields of every collection are erased (personal-data.ts);
 * 5. the erasure is logged, by interview ids, never by the person.
 */
export async function eraseCandidate(deps: ErasureDeps, records: CandidateRecords, request: ErasureRequest): Promise<ErasureResult> {
  const { db } = deps;
  if (records.interviews.length === 0 && records.keyIds.length === 0) return { status: 'NOTHING_HELD', erasureId: null, interviewIds: [], cancelledIds: [] };
  const cancelledIds: string[] = [];
  const ended = await Promise.all(records.interviews.map((interview) => endLifecycle(deps.temporal, interview, request)));
  for (const [index, wasOpen] of ended.entries()) if (wasOpen) cancelledIds.push(records.interviews[index]?._id ?? '');
  // A loop's own workflow closes once its sessions have: nothing may still run under the key.
  const loopIds = new Set(records.interviews.flatMap((interview) => (interview.loopId ? [interview.loopId] : [])));
  await Promise.all([...loopIds].map((loopId) => awaitClosed(deps.temporal, loopWorkflowId(loopId))));
  await Promise.all(records.interviews.map((interview) => deleteCalendarEvents(db, deps.calendar, interview)));
  const addresses = new Set(records.interviews.map((interview) => interview.candidateEmail));
  for (const address of addresses) await requestMailDataRemoval(deps, address, request.actor);
  const destroyedAt = new Date();
  for (const keyId of records.keyIds) {
    await destroyCandidateKey(db, keyId, destroyedAt);
    deps.keyring?.forget(keyId);
  }
  for (const address of addresses) await releaseCandidateClaims(db, deps.masterKeys, address);
  for (const interview of records.interviews) await erasePersonalRows(db, interview);
  const erasureId = `era_${randomUUID()}`;
  const interviewIds = records.interviews.map((interview) => interview._id);
  await db.erasures.create({
    _id: erasureId,
    at: destroyedAt,
    actor: request.actor,
    trigger: request.trigger,
    notify: request.notify,
    interviewIds,
    keyIds: records.keyIds,
  });
  return { status: 'ERASED', erasureId, interviewIds, cancelledIds };
}

/** Ends one lifecycle through its erase update and waits for it to close; whether the interview was still open. */
async function endLifecycle(temporal: Client, interview: InterviewDocument, request: ErasureRequest): Promise<boolean> {
  const handle = temporal.workflow.getHandle(interviewWorkflowId(interview._id));
  try {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return false;
    const erase: EraseRequest = { actor: request.actor, notify: request.notify };
    await handle.executeUpdate(LIFECYCLE_UPDATES.erase, { args: [erase] });
    await handle.result();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
  return interview.status === 'INVITED' || interview.status === 'SCHEDULED';
}

async function awaitClosed(temporal: Client, workflowId: string): Promise<void> {
  try {
    await temporal.workflow.getHandle(workflowId).result();
  } catch (error) {
    // Not found (a loop from before, or gone), or closed as failed or terminated: it runs no more either way.
    if (!(error instanceof WorkflowNotFoundError) && !(error instanceof WorkflowFailedError)) throw error;
  }
}

/** Postmark's Data Removal API: the messages it keeps for the address (sent to the candidate) go. */
async function requestMailDataRemoval(deps: ErasureDeps, address: string, actor: string): Promise<void> {
  if (!deps.mailProvider) return;
  const response = await fetch(new URL('/data-removals', deps.mailProvider.apiUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'X-Postmark-Account-Token': deps.mailProvider.accountToken },
    body: JSON.stringify({ RequestedBy: actor.includes('@') ? actor : 'privacy@portal.invalid', RequestedFor: address, NotifyWhenCompleted: false }),
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`the mail provider refused the data removal: ${response.status}`);
}
