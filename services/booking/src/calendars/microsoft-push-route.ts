import express, { Router } from 'express';
import type { Logger } from 'pino';
import { calendarKey, pushChannelToken } from '@portal/calendar/credentials';
import { readChangeNotifications, validationAnswer } from '@portal/calendar/microsoft';
import type { Deps } from '../http/context';
import { syncCalendarsSoon } from './calendar-sync-trigger';

const subscriptionIdsOf = (body: Buffer): string[] => {
  try {
    const value = (JSON.parse(body.toString('utf8')) as { value?: unknown }).value;
    if (!Array.isArray(value)) return [];
    return value.flatMap((n: unknown) => {
      const id = (n as { subscriptionId?: unknown } | null)?.subscriptionId;
      return typeof id === 'string' && id.length <= 64 ? [id] : [];
    });
  } catch {
    return [];
  }
};

/**
 * Microsoft Graph's change notifications for the interviewers' calendars (subscriptions the sync
 * opened). A POST with `?validationToken=…` is the handshake Graph makes before it creates a
 * subscription: answered 200 with the token as text/plain at once. Any other POST carries
 * notifications, each naming its subscription (the channel's resourceId) and the clientState the
 * portal gave it (derived from CALENDAR_SECRET_KEY and the channel id, constant-time compared):
 * anyone can post here, only Graph was told the clientState. A change (or a lifecycle notice) has
 * the calendars read now instead of at the next tick; unknown subscriptions and wrong clientStates
 * are dropped. Graph is answered 202 for every delivery it makes (else it retries), and 503 only
 * for a failure of our own (the database), which Graph retries later.
 */
export function microsoftPushReceiver(deps: Deps, log: Logger): Router {
  const key = calendarKey(deps.env.CALENDAR_SECRET_KEY);
  const router = Router();
  router.post('/', express.raw({ type: () => true, limit: '256kb' }), (req, res) => {
    const handshake = validationAnswer(req.query as Record<string, unknown>);
    if (handshake !== null) {
      res.status(handshake.status).type(handshake.contentType).send(handshake.body);
      return;
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    void (async () => {
      const ids = subscriptionIdsOf(body);
      const channels = ids.length === 0 ? [] : await deps.db.calendarChannels.find({ provider: 'microsoft', resourceId: { $in: ids } }, { _id: 1, resourceId: 1, interviewerId: 1 }).lean();
      const clientStates = new Map(channels.map((c) => [c.resourceId, pushChannelToken(key, c._id)]));
      const read = readChangeNotifications(body, (subscriptionId) => clientStates.get(subscriptionId) ?? null);
      if (read.refused > 0) log.warn({ refused: read.refused }, 'Microsoft notifications with an unknown subscription or a wrong clientState ignored');
      if (read.changes.length === 0 && read.lifecycle.length === 0) return;
      const interviewerIds = [...new Set([...read.changes, ...read.lifecycle].flatMap((n) => channels.find((c) => c.resourceId === n.subscriptionId)?.interviewerId ?? []))];
      log.info({ interviewerIds, changes: read.changes.length, lifecycle: read.lifecycle.map((l) => l.lifecycleEvent) }, 'Microsoft 365 calendar changed: reading calendars now');
      await syncCalendarsSoon(deps.temporal, deps.env.LIFECYCLE_TASK_QUEUE);
    })().then(
      () => res.status(202).end(),
      (error: unknown) => {
        log.error({ err: error }, 'Microsoft notification not handled');
        res.status(503).end();
      },
    );
  });
  return router;
}
