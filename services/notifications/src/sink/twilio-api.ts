import express, { type Request, type Response, type Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { replyMeaning } from '../texts/sms-replies';
import type { SinkStore } from './store';
import { twilioSid, type SinkSms, type SmsStore } from './sms-store';

/** Twilio's error codes the sink reproduces (https://www.twilio.com/docs/api/errors). */
export const TWILIO_ERROR = { authentication: 20003, missingTo: 21604, invalidTo: 21211, missingBody: 21602, invalidFrom: 21212, unsubscribed: 21610 } as const;

const E164 = /^\+[1-9]\d{6,14}$/;

const createMessage = z.object({
  To: z.string().optional(),
  From: z.string().optional(),
  Body: z.string().optional(),
  StatusCallback: z.url().optional(),
});

const inboundRequest = z.object({
  from: z.string().regex(E164, 'must be an E.164 number'),
  body: z.string().max(1600),
  to: z.string().regex(E164).optional(),
  /** The portal's inbound webhook; the sink's own setting when left out. */
  url: z.url().optional(),
});

export interface TwilioSinkOptions {
  /** When set, the only auth token accepted; otherwise any non-empty one is, and signs that message's callbacks. */
  authToken?: string;
  /** Signs forwarded replies (Twilio signs with the account's token). */
  inboundAuthToken: string;
  /** Where replies are forwarded when a request names no `url` (the number's "A message comes in" webhook). */
  inboundUrl?: string;
  /** The number replies are addressed to when a request names none. */
  defaultTo: string;
}

function twilioError(res: Response, status: number, code: number, message: string): void {
  res.status(status).json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/** Twilio's dates are RFC 2822. */
const rfc2822 = (iso: string) => new Date(iso).toUTCString().replace('GMT', '+0000');

/** A message in the shape Twilio's Messages resource answers with. */
function asTwilio(m: SinkSms) {
  const uri = `/2010-04-01/Accounts/${m.account_sid}/Messages/${m.sid}.json`;
  return {
    sid: m.sid,
    account_sid: m.account_sid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.date_created),
    date_updated: rfc2822(m.date_created),
    date_sent: null,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(m.body.length / 153))),
    price: null,
    price_unit: 'USD',
    status: m.status,
    subresource_uris: { media: uri.replace('.json', '/Media.json') },
    to: m.to,
    uri,
  };
}

/** Basic auth as the twilio library sends it: the account SID of the path and its auth token. */
function credentials(req: Request): { sid: string; token: string } | null {
  const [scheme, encoded] = (req.get('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const split = decoded.indexOf(':');
  return split > 0 ? { sid: decoded.slice(0, split), token: decoded.slice(split + 1) } : null;
}

/** A form POST signed as Twilio signs its webhooks: HMAC-SHA1 of the URL and the sorted parameters, with the auth token. */
export async function postSigned(url: string, params: Record<string, string>, authToken: string): Promise<number | null> {
  const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
  try {
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(10_000),
    });
    return answer.status;
  } catch {
    return null;
  }
}

/** The delivery report Twilio sends to a message's StatusCallback: sent, then delivered. */
async function reportDelivery(sms: SinkSms, token: string): Promise<void> {
  for (const status of ['sent', 'delivered']) {
    sms.status = status;
    if (sms.status_callback === null) continue;
    const params = { MessageSid: sms.sid, SmsSid: sms.sid, AccountSid: sms.account_sid, From: sms.from, To: sms.to, MessageStatus: status, SmsStatus: status, ApiVersion: '2010-04-01' };
    const httpStatus = await postSigned(sms.status_callback, params, token);
    sms.callbacks.push({ status, httpStatus, at: new Date().toISOString() });
  }
}

/**
 * Twilio's Messages resource (create and list) as the official library calls it, the texts the sink
 * got (`GET /sms`), and replies a test can send as a phone would (`POST /sms/inbound`).
 */
export function twilioApi(sms: SmsStore, emails: SinkStore, options: TwilioSinkOptions): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '100kb' });

  function authorized(req: Request, res: Response): { sid: string; token: string } | null {
    const given = credentials(req);
    if (given === null || given.sid !== req.params.sid || given.token === '' || (options.authToken !== undefined && given.token !== options.authToken)) {
      twilioError(res, 401, TWILIO_ERROR.authentication, 'Authentication Error - invalid username');
      return null;
    }
    return given;
  }

  router.post('/2010-04-01/Accounts/:sid/Messages.json', form, (req, res) => {
    const auth = authorized(req, res);
    if (auth === null) return;
    const parsed = createMessage.safeParse(req.body ?? {});
    if (!parsed.success) return twilioError(res, 400, TWILIO_ERROR.invalidTo, z.prettifyError(parsed.error));
    const { To, From, Body, StatusCallback } = parsed.data;
    if (!To) return twilioError(res, 400, TWILIO_ERROR.missingTo, "A 'To' phone number is required.");
    if (!E164.test(To)) return twilioError(res, 400, TWILIO_ERROR.invalidTo, `The 'To' number ${To} is not a valid phone number.`);
    if (!From || !E164.test(From)) return twilioError(res, 400, TWILIO_ERROR.invalidFrom, `The 'From' number ${From ?? ''} is not a valid phone number.`);
    if (!Body) return twilioError(res, 400, TWILIO_ERROR.missingBody, 'Message body is required.');
    // The failures injected through /api/fail apply to texts too, matched on the number.
    const failure = emails.takeFailure(To);
    if (failure) return twilioError(res, failure.status, failure.errorCode || 30001, failure.message);
    // As Twilio does: a number that replied STOP to this sender gets nothing more from it until START.
    if (sms.isOptedOut(To, From)) return twilioError(res, 400, TWILIO_ERROR.unsubscribed, 'Attempt to send to unsubscribed recipient');
    const stored = sms.add({ account_sid: auth.sid, to: To, from: From, body: Body, status_callback: StatusCallback ?? null });
    res.status(201).json(asTwilio(stored));
    void reportDelivery(stored, auth.token);
  });

  router.get('/2010-04-01/Accounts/:sid/Messages.json', (req, res) => {
    if (authorized(req, res) === null) return;
    const to = typeof req.query.To === 'string' ? req.query.To : undefined;
    const from = typeof req.query.From === 'string' ? req.query.From : undefined;
    const pageSize = Math.min(1000, Number(req.query.PageSize ?? 50) || 50);
    const messages = sms.list({ to, from }).filter((m) => m.account_sid === req.params.sid).slice(0, pageSize);
    const uri = `/2010-04-01/Accounts/${req.params.sid}/Messages.json`;
    res.json({ messages: messages.map(asTwilio), end: messages.length - 1, first_page_uri: uri, next_page_uri: null, page: 0, page_size: pageSize, previous_page_uri: null, start: 0, uri });
  });

  router.get('/sms', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to : undefined;
    res.json({ messages: sms.list({ to }), replies: sms.replies() });
  });

  router.post('/sms/inbound', express.json(), async (req, res) => {
    const parsed = inboundRequest.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: z.prettifyError(parsed.error) });
    const { from, body } = parsed.data;
    const url = parsed.data.url ?? options.inboundUrl;
    if (url === undefined) return void res.status(400).json({ error: 'No url given and the sink has no SINK_SMS_INBOUND_URL.' });
    const to = parsed.data.to ?? options.defaultTo;
    // Twilio acts on the keywords before it forwards the reply, whatever the webhook answers.
    sms.noteReply(from, to, replyMeaning(body));
    const sid = twilioSid('SM');
    const params = { MessageSid: sid, SmsSid: sid, AccountSid: 'AC' + '0'.repeat(32), From: from, To: to, Body: body, NumMedia: '0', NumSegments: '1', ApiVersion: '2010-04-01' };
    const httpStatus = await postSigned(url, params, options.inboundAuthToken);
    sms.addInbound({ sid, from, to, body, url, httpStatus, at: new Date().toISOString() });
    res.json({ sid, httpStatus });
  });

  return router;
}
