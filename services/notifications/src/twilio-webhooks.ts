import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import twilio from 'twilio';
import { z } from 'zod';
import type { Database } from '@portal/db';
import { screened } from '@portal/shared/text';
import { logStatusOf, replyMeaning } from './sms-replies';

export interface TwilioWebhookDeps {
  messages: Database['messages'];
  smsOptOuts: Database['smsOptOuts'];
  authToken: string;
  /** This service as Twilio reaches it; a signature covers the full URL Twilio called. */
  publicUrl: string;
  log: Logger;
}

const sid = screened(z.string().regex(/^(SM|MM)[0-9a-f]{32}$/));
const e164 = screened(z.string().regex(/^\+[1-9]\d{6,14}$/));
const statusReport = z.object({ MessageSid: sid, MessageStatus: screened(z.string().min(1).max(32)), ErrorCode: z.string().max(10).optional() });
const inboundText = z.object({ MessageSid: sid, From: e164, Body: z.string().max(1600) });

/**
 * Only Twilio may tell us about texts: every request must carry X-Twilio-Signature, Twilio's
 * HMAC-SHA1 over the URL it called and the posted parameters with our auth token. A forged or
 * altered one is refused 403 before anything is read or written.
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

export function twilioWebhooks({ messages, smsOptOuts, authToken, publicUrl, log }: TwilioWebhookDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });
  const signed = signedByTwilio(authToken, publicUrl, log);

  router.post('/webhooks/twilio/status', form, signed, async (req, res) => {
    const parsed = statusReport.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: z.prettifyError(parsed.error) });
    const { MessageSid, MessageStatus, ErrorCode } = parsed.data;
    const entry = await messages.findOne({ messageId: MessageSid }).lean();
    const line = log.child({ interviewId: entry?.interviewId, messageId: MessageSid, status: MessageStatus });
    if (entry === null) {
      line.warn('Twilio status for an unknown MessageSid');
      return void res.status(204).end();
    }
    const next = logStatusOf(MessageStatus);
    // Reports only move a text forward: a late "delivered" never hides a failure already recorded.
    const moves = next !== undefined && (entry.status === 'SENT' || (entry.status === 'DELIVERED' && next === 'BOUNCED'));
    const event = { type: `sms:${MessageStatus}`, at: new Date(), ...(ErrorCode ? { details: `ErrorCode ${ErrorCode}` } : {}) };
    await messages.updateOne({ _id: entry._id }, { ...(moves ? { $set: { status: next } } : {}), $push: { events: event } });
    line.info('Twilio status recorded');
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
