import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { z } from 'zod';
import type { Database } from '@portal/db';
import { screened } from '@portal/shared/text';
import type { SendPriority } from '../sends/send-priority';
import { replyMeaning } from '../texts/sms-replies';
import { inRowTurn, logStatusOf, statusesUpTo } from '../texts/text-status';

export interface TwilioWebhookDeps {
  messages: Database['messages'];
  smsOptOuts: Database['smsOptOuts'];
  authToken: string;
  /** This service as Twilio reaches it; a signature covers the full URL Twilio called. */
  publicUrl: string;
  log: Logger;
  /** Reports wait for the sends of a moment that are running in this process (send-priority.ts). */
  priority: SendPriority;
}

const sid = screened(z.string().regex(/^(SM|MM)[0-9a-f]{32}$/));
const e164 = screened(z.string().regex(/^\+[1-9]\d{6,14}$/));
const statusReport = z.object({ MessageSid: sid, MessageStatus: screened(z.string().min(1).max(32)), ErrorCode: z.string().max(10).optional() });
/** The text's send key, put on its status callback URL by text-steps.ts; absent on older texts'. */
const sendKey = screened(z.string().min(1).max(500)).optional();
const inboundText = z.object({ MessageSid: sid, From: e164, Body: z.string().max(1600) });

/**
 * Only Twilio may tell us about texts: every request must carry X-Twilio-Signature, Twilio's
 * HMAC-SHA1 over the URL it called and the posted parameters with our auth token. A forged or
 * altered one is refused 403 before anything is read or written. The URL is taken as received,
 * query included, so a status callback's send key cannot be edited without breaking the signature.
 */
function signedByTwilio(authToken: string, publicUrl: string, log: Logger): RequestHandler {
  return (req: Request, res, next) => {
    const signature = req.get('x-twilio-signature') ?? '';
    const params = (req.body ?? {}) as Record<string, string>;
    if (signature === '' || !twilio.validateRequest(authToken, signature, `${publicUrl}${req.originalUrl}`, params)) {
      log.warn({ path: req.path }, 'Twilio webhook with a missing or wrong signature refused');
      res.status(403).json({ error: 'Bad or missing X-Twilio-Signature' });
      return;
    }
    next();
  };
}

interface StatusReport {
  /** The row's _id from the callback URL; reports for texts sent before it rode there go by the sid. */
  key: string | undefined;
  sid: string;
  status: string;
  errorCode: string | undefined;
}

async function recordReport(messages: Database['messages'], log: Logger, { key, sid, status, errorCode }: StatusReport): Promise<void> {
  const event = { type: `sms:${status}`, at: new Date(), ...(errorCode ? { details: `ErrorCode ${errorCode}` } : {}) };
  const row = key === undefined ? { messageId: sid } : { _id: key };
  const next = logStatusOf(status);
  // Most reports move their row forward (text-status.ts): one write records the event, the status
  // and the sid, which the row may not have yet when the report beat the send's answer.
  const moved = next === undefined ? null : await messages.findOneAndUpdate({ ...row, status: { $in: statusesUpTo(next) } }, { $push: { events: event }, $set: { status: next, messageId: sid } }).lean();
  // A report behind its row's status, or one that names no status of ours, adds its event alone.
  const entry = moved ?? (await messages.findOneAndUpdate(row, { $push: { events: event } }).lean());
  const line = log.child({ interviewId: entry?.interviewId, messageId: sid, status });
  if (entry === null) {
    line.warn(key === undefined ? 'Twilio status for an unknown MessageSid' : 'Twilio status for an unknown send key');
    return;
  }
  if (moved === null && entry.messageId === undefined) await messages.updateOne({ _id: entry._id, messageId: { $exists: false } }, { $set: { messageId: sid } });
  line.info('Twilio status recorded');
}

export function twilioWebhooks({ messages, smsOptOuts, authToken, publicUrl, log, priority }: TwilioWebhookDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });
  const signed = signedByTwilio(authToken, publicUrl, log);

  router.post('/webhooks/twilio/status', form, signed, async (req, res) => {
    const parsed = statusReport.safeParse(req.body);
    const key = sendKey.safeParse(req.query.key);
    if (!parsed.success) return void res.status(400).json({ error: z.prettifyError(parsed.error) });
    if (!key.success) return void res.status(400).json({ error: z.prettifyError(key.error) });
    const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
    const record = () => recordReport(messages, log, { key: key.data, sid: MessageSid, status: MessageStatus, errorCode: ErrorCode });
    // A report only records what happened: a moment's sends go first, then the reports, a few at a
    // time. A keyed report may race the send path's own write to its row: they take turns
    // (text-status.ts), inside their place among the records, as the send path's SENT does.
    await priority.afterSends(() => (key.data === undefined ? record() : inRowTurn(key.data, record)));
    res.status(204).end();
  });

  router.post('/webhooks/twilio/inbound', form, signed, async (req, res) => {
    const parsed = inboundText.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: z.prettifyError(parsed.error) });
    const { From, Body } = parsed.data;
    const meaning = replyMeaning(Body);
    if (meaning === 'opt-out') {
      await smsOptOuts.updateOne({ _id: From }, { $set: { at: new Date(), word: Body.trim().slice(0, 20) } }, { upsert: true });
      log.info({ meaning }, 'a number opted out of texts');
    } else if (meaning === 'opt-in') {
      await smsOptOuts.deleteOne({ _id: From });
      log.info({ meaning }, 'a number opted in to texts again');
    }
    // Twilio answers the standard keywords itself; the portal adds no reply of its own.
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });

  return router;
}
