import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { calendarKey, pushChannelToken } from '@portal/calendar/credentials';
import { readPushNotification } from '@portal/calendar/google';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';

/**
 * Google's push messages for the interviewers' calendars (events watch channels the sync opened):
 * a bodiless POST whose X-Goog-* headers name the channel. Anyone can post here, so a message
 * counts only for a channel the portal has open and with that channel's token (derived from
 * CALENDAR_SECRET_KEY, constant-time compared). A change (`exists`) has the calendars read now
 * instead of at the next tick; the channel's first message (`sync`), an unknown channel or a wrong
 * token is answered 204 and ignored, as Google expects a 2xx for every message it sends (else it
 * retries). Only a failure of our own (the database) answers 503, which Google retries later.
 */
export function googlePushReceiver(deps: Deps, log: Logger): RequestHandler {
  const key = calendarKey(deps.env.CALENDAR_SECRET_KEY);
  return (req, res) => {
    const channelId = req.header('x-goog-channel-id');
    void (async () => {
      if (channelId === undefined || channelId.length > 64) return 'no channel';
      const channel = await deps.db.calendarChannels.findById(channelId).lean();
      if (channel === null || channel.provider !== 'google') return 'unknown channel';
      const push = readPushNotification(req.headers, { channelId, token: pushChannelToken(key, channelId) });
      if (push === null) {
        log.warn({ channelId, interviewerId: channel.interviewerId }, 'Google push with a wrong token ignored');
        return 'wrong token';
      }
      if (push.state === 'sync') return 'channel opened';
      log.info({ interviewerId: channel.interviewerId, messageNumber: push.messageNumber }, 'Google calendar changed: reading calendars now');
      await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
      return 'read';
    })().then(
      () => res.status(204).end(),
      (error: unknown) => {
        log.error({ err: error, channelId }, 'Google push not handled');
        res.status(503).end();
      },
    );
  };
}
