import type { KeyObject } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import mongoose from 'mongoose';
import { DomainError } from '@portal/shared/errors';
import type { Database } from '@portal/db';
import type { LifecycleActivities } from '../workflows/activities-api';
import { foldListMoves } from '@portal/db/interview-list';
import { applyRetention } from '@portal/privacy/retention';
import type { ErasureDeps } from '@portal/privacy/erasure';
import { createAnswerLinks } from './answer-links';
import type { CalendarDeps } from './calendar-access';
import { createCalendarEvents } from './calendar-events';
import { createCalendarSync } from './calendar-sync';
import { createSlotClaims } from './claim-slot';
import { createFeedbackLinks } from './feedback-links';
import { createLoopSessions } from './loop-sessions';
import { createRetakeCreator } from './create-retake';
import { createTokenIssuer } from './issue-token';
import { createChangePersister } from './persist-change';
import { createWebhookDelivery, type WebhookSettings } from './webhook-deliver';
import { createWebhookPublisher } from './webhook-publish';
import { createMeetingRoomActivities } from './meeting-rooms/meeting-room-activities';
import type { MeetingRoomApis } from './meeting-rooms/room-provider';

export interface ActivityDeps {
  db: Database;
  /** The link-signing key, parsed once at start-up (a PEM string is parsed again on every signature). */
  privateKey: string | KeyObject;
  webBaseUrl: string;
  /** Jitsi's server: a retake held on Jitsi gets its link there. */
  jitsiBaseUrl: string;
  /** The API providers whose keys are configured (env.ts). */
  rooms: MeetingRoomApis;
  hrEmail: string;
  calendar: CalendarDeps;
  /** The CandidateEmail search attribute of a retake: a keyed digest, never the address. */
  candidateSearchKey: (email: string) => string;
  /** Webhooks out: where they may go and how they are sent (env.ts). */
  webhooks: WebhookSettings;
  /** What erasure needs (a Temporal client among it); absent where no retention runs (workflow tests). */
  erasure?: ErasureDeps;
}

/** A domain refusal leaves an activity as a non-retryable failure typed by its code. */
function refusalsAsFailures<A extends object>(activities: A): A {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        if (error instanceof DomainError) throw ApplicationFailure.nonRetryable(error.message, error.code, error.details);
        // A document the model refuses stays refused on every retry: fail once, visibly.
        if (error instanceof mongoose.Error.ValidationError || error instanceof mongoose.Error.StrictModeError || error instanceof mongoose.Error.CastError) {
          throw ApplicationFailure.nonRetryable(error.message, 'INVALID_DOCUMENT');
        }
        throw error;
      }
    };
  }
  return wrapped as A;
}

export function createActivities(deps: ActivityDeps): LifecycleActivities {
  return refusalsAsFailures<LifecycleActivities>({
    issueCandidateToken: createTokenIssuer(deps),
    ...createSlotClaims(deps),
    ...createFeedbackLinks(deps),
    ...createAnswerLinks(deps),
    persistChange: createChangePersister(deps),
    foldInterviewListCounts: () => foldListMoves(deps.db),
    applyRetentionPolicy: async () => {
      if (!deps.erasure) throw ApplicationFailure.nonRetryable('this worker was started without erasure', 'NOT_CONFIGURED');
      const results = await applyRetention(deps.erasure);
      return { candidates: results.length, interviews: results.reduce((sum, result) => sum + result.interviewIds.length, 0) };
    },
    ...createCalendarSync(deps),
    ...createCalendarEvents(deps),
    createRetakeInterview: createRetakeCreator(deps),
    ...createMeetingRoomActivities(deps),
    ...createWebhookPublisher(deps),
    ...createWebhookDelivery(deps),
    ...createLoopSessions(),
  });
}
