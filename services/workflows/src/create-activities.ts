import type { KeyObject } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import mongoose from 'mongoose';
import { DomainError } from '@portal/shared/errors';
import type { Database } from '@portal/db';
import type { ErasureDeps } from '@portal/privacy/erasure';
import type { AvailabilityActivities } from './availability/activities-api';
import type { WaitlistActivities } from './waitlist/activities-api';
import type { CalendarSyncActivities } from './calendar-sync/activities-api';
import type { CalendarEventActivities } from './calendars/activities-api';
import type { ChangeActivities } from './changes/activities-api';
import type { ClaimActivities } from './claims/activities-api';
import type { LifecycleActivities } from './lifecycle/activities-api';
import type { ListFoldActivities } from './list-fold/activities-api';
import type { LoopActivities } from './loop/activities-api';
import type { MeetingRoomActivities } from './meeting-rooms/activities-api';
import type { PanelRepairActivities } from './panel-repair/activities-api';
import type { RetentionActivities } from './retention/activities-api';
import type { WebhookDeliveryActivities, WebhookEventActivities } from './webhooks/activities-api';
import { createWindowSearch } from './availability/activities/search-windows';
import { createWaitlistActivities } from './waitlist/activities/offer-holds';
import { createAnswerLinks } from './panel-repair/activities/answer-links';
import type { CalendarDeps } from './calendars/activities/calendar-access';
import { createCalendarEvents } from './calendars/activities/calendar-events';
import { createCalendarSync } from './calendar-sync/activities/calendar-sync';
import { createSlotClaims } from './claims/activities/claim-slot';
import { createFeedbackLinks } from './lifecycle/activities/feedback-links';
import { createLoopSessions } from './loop/activities/loop-sessions';
import { createRetakeCreator } from './lifecycle/activities/create-retake';
import { createTokenIssuer } from './lifecycle/activities/issue-token';
import { createChangePersister } from './changes/activities/persist-change';
import { createWebhookDelivery, type WebhookSettings } from './webhooks/activities/webhook-deliver';
import { createWebhookPublisher } from './webhooks/activities/webhook-publish';
import { createMeetingRoomActivities } from './meeting-rooms/activities/meeting-room-activities';
import { createListFoldActivities } from './list-fold/activities/fold-list-moves';
import { createRetentionActivities } from './retention/activities/apply-retention';
import type { MeetingRoomApis } from './meeting-rooms/activities/room-provider';

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

/**
 * Every activity the workers register, under the names the recorded histories carry: each
 * workflow's own contract (its folder's activities-api.ts), together.
 */
export type WorkerActivities = LifecycleActivities &
  ClaimActivities &
  ChangeActivities &
  LoopActivities &
  PanelRepairActivities &
  CalendarEventActivities &
  CalendarSyncActivities &
  MeetingRoomActivities &
  WebhookEventActivities &
  WebhookDeliveryActivities &
  ListFoldActivities &
  RetentionActivities &
  AvailabilityActivities &
  WaitlistActivities;

export function createActivities(deps: ActivityDeps): WorkerActivities {
  return refusalsAsFailures<WorkerActivities>({
    issueCandidateToken: createTokenIssuer(deps),
    ...createSlotClaims(deps),
    ...createFeedbackLinks(deps),
    ...createAnswerLinks(deps),
    persistChange: createChangePersister(deps),
    ...createListFoldActivities(deps),
    ...createRetentionActivities(deps),
    ...createCalendarSync(deps),
    ...createCalendarEvents(deps),
    createRetakeInterview: createRetakeCreator(deps),
    ...createMeetingRoomActivities(deps),
    ...createWebhookPublisher(deps),
    ...createWebhookDelivery(deps),
    ...createLoopSessions(),
    ...createWindowSearch(deps),
    ...createWaitlistActivities({ db: deps.db, claims: createSlotClaims(deps) }),
  });
}
