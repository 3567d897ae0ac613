import type { MeetingProvider } from '@portal/shared/meeting-rooms';

/** An API provider's room for one interview, open from `nbf` until `exp` (seconds since the epoch). */
export interface MeetingRoomRequest {
  interviewId: string;
  provider: MeetingProvider;
  room: string;
  nbf: number;
  exp: number;
  /** The interview's start and end (ISO); absent in a request recorded before Zoom. */
  start?: string;
  end?: string;
  /** The room's link as opened (a move's or a delete's; a Zoom meeting's id is in it); absent when unknown. */
  link?: string | null;
}

/** An API provider's room for the interview (types only). */
export interface MeetingRoomActivities {
  /** Creates the room (or finds it created by an earlier attempt); its link. */
  openMeetingRoom(request: MeetingRoomRequest): Promise<{ url: string }>;
  /** Moves the room's window to the new time (creating it again if the provider lost it). */
  moveMeetingRoom(request: MeetingRoomRequest): Promise<{ url: string }>;
  closeMeetingRoom(request: Pick<MeetingRoomRequest, 'interviewId' | 'provider' | 'room' | 'link'>): Promise<'deleted' | 'already absent'>;
}
