import { randomInt } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import { GoogleApiError, invalid, required } from './google-errors';

/**
 * Google Meet conferences on events, as the events reference describes `conferenceDataVersion`:
 * at 0 (the default) "conference data in the event's body" is ignored and the event keeps what it
 * had; at 1 the body's `conferenceData` is taken. A `createRequest` with a new `requestId` makes a
 * conference; the `requestId` already on the event leaves that conference as it is ("If an ID
 * provided is the same as for the previous request, the request is ignored"); `conferenceData`
 * without one is copied as given. A full write without `conferenceData` (insert, import, update)
 * removes the conference; a patch without it keeps it. `hangoutLink` is read-only: the Meet
 * conference's video entry point.
 */
export type ConferenceFields = Pick<calendar_v3.Schema$Event, 'conferenceData' | 'hangoutLink'>;

export type ConferenceDataVersion = 0 | 1;

/** The types a conference may be created or copied with; the Hangouts ones are deprecated, new conferences of them refused. */
const SOLUTION_TYPES = ['hangoutsMeet', 'addOn'];
const MEET_ICON = 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png';

export function conferenceDataVersionOf(query: URLSearchParams): ConferenceDataVersion {
  const value = query.get('conferenceDataVersion');
  if (value === null || /^0+$/.test(value)) return 0;
  if (/^0*1$/.test(value)) return 1;
  throw new GoogleApiError(400, 'invalidParameter', `Invalid value '${value}'. Values must be within the range: [0, 1]`);
}

const letters = (count: number) => Array.from({ length: count }, () => String.fromCharCode(97 + randomInt(26))).join('');

/** A create request's solution type and id, refused as Google refuses them. */
function requested(request: calendar_v3.Schema$CreateConferenceRequest): { requestId: string; type: string } {
  const type = request.conferenceSolutionKey?.type ?? 'hangoutsMeet';
  if (!SOLUTION_TYPES.includes(type)) throw invalid('Invalid conference type value.');
  const requestId = request.requestId;
  if (typeof requestId !== 'string' || requestId.length === 0) throw required('conferenceData.createRequest.requestId');
  return { requestId, type };
}

function createdConference({ requestId, type }: { requestId: string; type: string }): calendar_v3.Schema$ConferenceData {
  // The stand-in runs no add-on, so an add-on's create request ends as Google documents a failed one: no entry points.
  if (type === 'addOn') return { createRequest: { requestId, conferenceSolutionKey: { type }, status: { statusCode: 'failure' } } };
  const code = `${letters(3)}-${letters(4)}-${letters(3)}`;
  return {
    createRequest: { requestId, conferenceSolutionKey: { type }, status: { statusCode: 'success' } },
    entryPoints: [{ entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` }],
    conferenceSolution: { key: { type }, name: 'Google Meet', iconUri: MEET_ICON },
    conferenceId: code,
  };
}

function copiedConference(given: calendar_v3.Schema$ConferenceData): calendar_v3.Schema$ConferenceData {
  const type = given.conferenceSolution?.key?.type;
  if (typeof type !== 'string' || !SOLUTION_TYPES.includes(type)) throw invalid('Invalid conference type value.');
  if ((given.entryPoints ?? []).length === 0) throw required('conferenceData.entryPoints');
  return given;
}

function withLink(conferenceData: calendar_v3.Schema$ConferenceData): ConferenceFields {
  const video = conferenceData.conferenceSolution?.key?.type === 'hangoutsMeet' ? conferenceData.entryPoints?.find((e) => e.entryPointType === 'video')?.uri : undefined;
  return { conferenceData, ...(typeof video === 'string' ? { hangoutLink: video } : {}) };
}

/** What of `event` stays a conference: its conferenceData and hangoutLink, and nothing when it has none. */
export function conferenceOf(event: ConferenceFields | undefined): ConferenceFields {
  return event?.conferenceData ? withLink(event.conferenceData) : {};
}

export function conferenceAfterWrite(
  body: calendar_v3.Schema$Event,
  before: ConferenceFields | undefined,
  options: { version: ConferenceDataVersion; patch: boolean },
): ConferenceFields {
  const kept = conferenceOf(before);
  if (options.version === 0) return kept;
  const given = body.conferenceData;
  if (given === undefined) return options.patch ? kept : {};
  if (given === null) return {};
  const request = given.createRequest;
  if (request === undefined || request === null) return withLink(copiedConference(given));
  const asked = requested(request);
  if (asked.requestId === before?.conferenceData?.createRequest?.requestId) return kept;
  return withLink(createdConference(asked));
}
