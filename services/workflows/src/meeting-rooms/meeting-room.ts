import { condition, log, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import { DEFAULT_MEETING_ROOM_WAIT_MS, type LifecycleInput, type LifecycleState, type SlotState } from '@portal/shared/lifecycle';
import { API_MEETING_PROVIDERS, roomWindow } from '@portal/shared/meeting-rooms';
import type { MeetingRoomActivities, MeetingRoomRequest } from './activities-api';
import type { createCalendarWrites } from '../calendars/calendar-writes';
import type { createOutbox } from '../outbox/emails';
import { isPatched } from '../patches/patches';

/** Lifecycles started before meeting providers keep the link of their input and call nothing. */
export const MEETING_ROOMS_PATCH = 'meeting-rooms-by-provider';

/**
 * A provider down keeps the room's call retrying (1 s doubling to 30 s) for up to a day: the
 * booking never waits for it, and the link follows when the provider is back (docs/adr/0028).
 */
const roomOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: ['MEETING_PROVIDER_REFUSED', 'MEETING_PROVIDER_NOT_CONFIGURED'] },
};

/** The room admits people from a little before the join window opens until an hour after the planned end. */
const OPENS_BEFORE_JOIN_MS = 5 * 60_000;
const CLOSES_AFTER_END_MS = 60 * 60_000;

export interface MeetingRoomHooks {
  outbox: ReturnType<typeof createOutbox>;
  calendars: ReturnType<typeof createCalendarWrites>;
  /** Persists the link on the interview (a RECORD change, under the lifecycle's lock). */
  recordLink(url: string): Promise<void>;
}

/**
 * An API provider's room for one interview: created at booking, moved on reschedule, deleted on
 * cancel, by activities that run beside the lifecycle in the order of the changes (a cancel's
 * delete never overtakes a create still retrying). The link becomes the lifecycle's state when the
 * room exists. A booking's announcement (confirmation, the panel's invitations and events) waits
 * for the link up to `meetingRoomWaitMs`, then goes saying it will follow; the link then follows
 * once. For Jitsi, and for lifecycles started before providers, every call here is a no-op.
 */
export function createMeetingRoom(input: LifecycleInput, state: LifecycleState, hooks: MeetingRoomHooks) {
  const meeting = input.meeting;
  const api = meeting !== undefined && API_MEETING_PROVIDERS.includes(meeting.provider) && isPatched(MEETING_ROOMS_PATCH);
  const { openMeetingRoom, moveMeetingRoom, closeMeetingRoom } = proxyActivities<MeetingRoomActivities>(roomOptions);
  const waitMs = input.timings.meetingRoomWaitMs ?? DEFAULT_MEETING_ROOM_WAIT_MS;
  let chain: Promise<unknown> = Promise.resolve();
  let opened = false;
  /** The room's link as the provider answered it: a Zoom meeting's move and delete name the meeting by it. */
  let link: string | null = null;
  /** Links made again (a meeting deleted at its provider and made on a move): each is sent as a message of its own. */
  let replacements = 0;
  let pending: (() => void) | null = null;
  let announcedWithoutLink = false;

  const live = () => state.status === 'SCHEDULED' || state.status === 'IN_PROGRESS';

  function request(slot: SlotState): MeetingRoomRequest {
    if (meeting === undefined) throw new Error('no meeting room planned');
    const window = roomWindow(slot, input.timings.joinOpensBeforeMs + OPENS_BEFORE_JOIN_MS, input.timings.graceAfterEndMs + CLOSES_AFTER_END_MS);
    return { interviewId: input.interviewId, provider: meeting.provider, room: meeting.room, ...window, start: slot.start, end: slot.end };
  }

  function then(step: string, work: () => Promise<unknown>): void {
    chain = chain.then(work).catch((error: unknown) => {
      log.warn('meeting room step failed', { interviewId: input.interviewId, step, error: String(error) });
    });
  }

  async function linkArrived(url: string): Promise<void> {
    // A cancel while the create was retrying: the room is deleted next, nobody is told of it.
    if (!live() || state.meetingUrl !== null) return;
    state.meetingUrl = url;
    flush();
    await hooks.recordLink(url);
    if (announcedWithoutLink && live()) announceLink();
  }

  /** A new link for a room made again: kept, recorded, and sent to the candidate and the panel as a follow-up is. */
  async function linkReplaced(url: string): Promise<void> {
    link = url;
    if (!live()) return;
    state.meetingUrl = url;
    replacements += 1;
    await hooks.recordLink(url);
    // Its own message, never taken for an earlier link's follow-up at the same time.
    announceLink(`replaced-${replacements}`);
  }

  /** The link, once, to whoever was told it would follow; the panel's events gain it as their LOCATION. */
  function announceLink(variant?: string): void {
    const panel = state.slot?.panel ?? [];
    hooks.outbox.send('meeting_link', variant);
    hooks.outbox.sendToPanel('meeting_link', panel, variant === undefined ? {} : { variant });
    hooks.calendars.put(panel, state.version, (m) => hooks.outbox.eventFacts(m));
  }

  /** Sends a waiting announcement now: with the link if it has come, else saying it will follow. */
  function flush(): void {
    const announce = pending;
    pending = null;
    if (announce === null) return;
    announcedWithoutLink = state.meetingUrl === null;
    announce();
  }

  return {
    /** Whether the link is still to come: the messages then say it will follow. */
    linkPending: () => api && state.meetingUrl === null,
    booked(slot: SlotState): void {
      if (!api) return;
      const room = request(slot);
      then('create', async () => {
        const { url } = await openMeetingRoom.executeWithOptions({ ...roomOptions, summary: `create ${room.provider} room` }, [room]);
        opened = true;
        link = url;
        await linkArrived(url);
      });
    },
    moved(slot: SlotState): void {
      if (!api) return;
      const room = request(slot);
      then('move', async () => {
        if (!opened) return;
        const { url } = await moveMeetingRoom.executeWithOptions({ ...roomOptions, summary: `move ${room.provider} room to ${slot.start}` }, [{ ...room, link }]);
        // A Zoom meeting deleted at Zoom is made again on a move, with a new link (a Daily room keeps its name and link).
        if (url !== link) await linkReplaced(url);
      });
    },
    cancelled(): void {
      if (!api || meeting === undefined) return;
      const room = { interviewId: input.interviewId, provider: meeting.provider, room: meeting.room };
      then('delete', async () => {
        if (!opened) return;
        await closeMeetingRoom.executeWithOptions({ ...roomOptions, summary: `delete ${room.provider} room` }, [{ ...room, link }]);
      });
    },
    /**
     * A booking's messages: sent now when the link is known (or none is coming), else held until
     * it comes or `meetingRoomWaitMs` passes, whichever is first. Every later change of the
     * lifecycle sends a held announcement first (`flush`), so messages keep their order.
     */
    announce(send: () => void): void {
      if (!api || state.meetingUrl !== null) {
        send();
        return;
      }
      pending = send;
      void condition(() => pending !== send, waitMs).then(() => {
        if (pending === send) flush();
      });
    },
    flush,
    async drain(): Promise<void> {
      await chain;
    },
  };
}
