import { ApplicationFailure, Context, log } from '@temporalio/activity';
import type { MeetingRoomActivities, MeetingRoomRequest } from '../activities-api';
import type { MeetingRoomApi, MeetingRoomApis } from './room-provider';

/** The room activities over the configured providers; a provider without its key refuses once, visibly. */
export function createMeetingRoomActivities(deps: { rooms: MeetingRoomApis }): MeetingRoomActivities {
  function apiFor(request: Pick<MeetingRoomRequest, 'provider' | 'interviewId'>): MeetingRoomApi {
    const api = deps.rooms[request.provider];
    if (api === undefined) {
      throw ApplicationFailure.nonRetryable(`No API key is configured for ${request.provider}; its rooms cannot be created.`, 'MEETING_PROVIDER_NOT_CONFIGURED');
    }
    return api;
  }
  return {
    async openMeetingRoom(request) {
      const room = await apiFor(request).open(request.room, request, { retried: Context.current().info.attempt > 1 });
      log.info('meeting room created', { interviewId: request.interviewId, provider: request.provider });
      return room;
    },
    async moveMeetingRoom(request) {
      return apiFor(request).move(request.room, request, request.link ?? null);
    },
    async closeMeetingRoom(request) {
      return apiFor(request).close(request.room, request.link ?? null);
    },
  };
}
