import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '@portal/db';
import type { InterviewDocument } from '@portal/db/documents';
import { openTestDatabase, sampleInterview } from '@portal/db/testing';
import type { InterviewEmailFacts } from '@portal/shared/email';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { createActivities } from '../activities';
import { createPostmarkClient } from '../email/postmark-client';
import type { SendPriority } from '../sends/send-priority';
import { startSink, type RunningSink } from '../sink/sink';
import { createTwilioClient } from '../texts/twilio-client';

/** A worker's log, kept as lines, to tell which sends went out together. */
export function batchLog() {
  const lines: { msg: string; batch?: number; interviewId?: string }[] = [];
  const log = pino({ level: 'debug' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
  return { log, lines, largestBatch: () => Math.max(0, ...lines.map((line) => line.batch ?? 0)) };
}

/** Every attempt at once, each retried (as Temporal would) until it settles; five attempts at most. */
export function allWithRetries<I, R>(inputs: I[], attempt: (input: I, n: number) => Promise<R>): Promise<R[]> {
  return Promise.all(
    inputs.map(async (input) => {
      for (let n = 1; ; n += 1) {
        try {
          return await attempt(input, n);
        } catch (error) {
          if (n >= 5) throw error;
        }
      }
    }),
  );
}

/** Three days ahead: every reminder of the batch tests is for an interview at this start. */
const slotStart = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
const slotEnd = new Date(slotStart.getTime() + 60 * 60_000);

/**
 * The notifications worker's activities as a batch test file drives them: a sink and a database of
 * the file's own (`name`), opened in its beforeAll and closed in its afterAll; the sink's outboxes
 * and the log emptied before each test. `texting` adds Twilio through the same sink; `activitiesWith`
 * makes another worker on them, with `priority` standing for that worker's own.
 */
export function batchWorker(name: string, options: { texting?: { accountSid: string; from: string } } = {}) {
  const token = `${name}-test-token`;
  const { log, lines, largestBatch } = batchLog();
  let sink: RunningSink | undefined;
  let database: Database | undefined;
  let activities: ReturnType<typeof createActivities> | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('batchWorker is used before its beforeAll ran');
    return value;
  };
  const activitiesWith = (priority?: SendPriority) => {
    const [db, running] = [ready(database), ready(sink)];
    return createActivities({
      messages: db.messages,
      interviews: db.interviews,
      sendTakeovers: db.sendTakeovers,
      postmark: createPostmarkClient({ token, apiUrl: running.url, timeoutSeconds: 5 }),
      from: 'Interviews <interviews@example.test>',
      log,
      ...(options.texting && {
        sms: {
          smsOptOuts: db.smsOptOuts,
          twilio: createTwilioClient({ accountSid: options.texting.accountSid, authToken: token, apiBaseUrl: running.url, timeoutMs: 5_000 }),
          from: options.texting.from,
          // Nobody listens there: the sink's delivery reports fail, as they may, and change nothing here.
          statusCallback: 'http://127.0.0.1:9/webhooks/twilio/status',
        },
      }),
      ...(priority && { priority }),
    });
  };

  beforeAll(async () => {
    database = await openTestDatabase(`notifications_${name.replace(/-/g, '_')}`);
    sink = await startSink({ token, ...(options.texting && { twilioAuthToken: token }) });
    activities = activitiesWith();
  });
  afterAll(async () => {
    await sink?.close();
    await database?.close();
  });
  beforeEach(() => {
    sink?.store.clear();
    sink?.sms.clear();
    lines.length = 0;
  });

  return {
    slotStart,
    lines,
    largestBatch,
    activitiesWith,
    get sink() {
      return ready(sink);
    },
    get database() {
      return ready(database);
    },
    get activities() {
      return ready(activities);
    },
    /**
     * `count` interviews (`${prefix}_${i}`) booked for slotStart with `fields(i)`, each with the
     * facts of its 15-minute reminder (`facts(i)` added) and the reminder's offset for its key.
     */
    async bookedTogether(prefix: string, count: number, fields: (i: number) => Partial<InterviewDocument> = () => ({}), facts: (i: number) => Partial<InterviewEmailFacts> = () => ({})) {
      const booked: { facts: InterviewEmailFacts; offset: string }[] = [];
      for (let i = 0; i < count; i += 1) {
        const interviewId = `${prefix}_${i}`;
        await ready(database).interviews.create({
          ...sampleInterview(interviewId),
          status: 'SCHEDULED',
          slot: { start: slotStart, end: slotEnd, interviewerId: 'grace', interviewerIds: ['grace'], claimId: `claim_${interviewId}` },
          ...fields(i),
        });
        booked.push({ facts: sampleFacts({ interviewId, start: slotStart.toISOString(), end: slotEnd.toISOString(), reminderOffsetMinutes: 15, ...facts(i) }), offset: String(15 * 60_000) });
      }
      return booked;
    },
  };
}
