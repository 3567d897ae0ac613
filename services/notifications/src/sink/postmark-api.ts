import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { parseMailbox, splitRecipients } from '@portal/shared/mailbox';
import { recipientList, type SinkMessage, type SinkStore } from './store';

/** Postmark's API error codes the sink reproduces (https://postmarkapp.com/developer/api/overview#error-codes). */
export const POSTMARK_ERROR = { badToken: 10, invalidEmailRequest: 300, invalidJson: 402, inactiveRecipient: 406 } as const;

interface PostmarkRefusal {
  ErrorCode: number;
  Message: string;
}

const messageBody = z.object({
  From: z.string({ error: "Invalid 'From' address: ''." }),
  To: z.string().optional(),
  Cc: z.string().optional(),
  Bcc: z.string().optional(),
  ReplyTo: z.string().optional(),
  Subject: z.string().default(''),
  HtmlBody: z.string().optional(),
  TextBody: z.string().optional(),
  Tag: z.string().optional(),
  MessageStream: z.string().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).default([]),
  Metadata: z.record(z.string(), z.string()).default({}),
  Attachments: z
    .array(z.object({ Name: z.string().min(1), Content: z.base64(), ContentType: z.string().min(1) }))
    .default([]),
});

type Accepted = Omit<SinkMessage, 'MessageID' | 'SubmittedAt'>;

function refusal(ErrorCode: number, Message: string): PostmarkRefusal {
  return { ErrorCode, Message };
}

/** The checks Postmark makes before accepting a message, with its error codes and wording. */
export function validateMessage(body: unknown): { message: Accepted } | { refusal: PostmarkRefusal } {
  const parsed = messageBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { refusal: refusal(POSTMARK_ERROR.invalidEmailRequest, `Invalid '${issue?.path.join('.')}': ${issue?.message}`) };
  }
  const m = parsed.data;
  if (!parseMailbox(m.From)) return { refusal: refusal(300, `Invalid 'From' address: '${m.From}'.`) };
  if (!m.To || splitRecipients(m.To).length === 0) return { refusal: refusal(300, 'Zero recipients specified') };
  const inactive: string[] = [];
  for (const field of ['To', 'Cc', 'Bcc'] as const) {
    for (const recipient of splitRecipients(m[field] ?? '')) {
      const mailbox = parseMailbox(recipient);
      if (!mailbox) return { refusal: refusal(300, `Error parsing '${field}': Illegal email address '${recipient}'.`) };
      if (mailbox.address.toLowerCase().includes('inactive')) inactive.push(mailbox.address);
    }
  }
  if (inactive.length > 0) {
    return {
      refusal: refusal(
        POSTMARK_ERROR.inactiveRecipient,
        `You tried to send to recipient(s) that have been marked as inactive. Found inactive addresses: ${inactive.join(', ')}. Inactive recipients are ones that have generated a hard bounce or a spam complaint.`,
      ),
    };
  }
  if (m.HtmlBody === undefined && m.TextBody === undefined) {
    return { refusal: refusal(300, 'Provide either email TextBody or HtmlBody or both.') };
  }
  return { message: { ...m, To: m.To } };
}

/** Every To/Cc/Bcc of a message or a batch, as one string to match injected failures against. */
function recipientsOf(body: unknown): string {
  const messages: unknown[] = Array.isArray(body) ? body : [body];
  return messages
    .flatMap((m) => (typeof m === 'object' && m !== null ? [m as Record<string, unknown>] : []))
    .flatMap((m) => [m.To, m.Cc, m.Bcc].filter((v): v is string => typeof v === 'string'))
    .join(',');
}

const outboundSearch = z.object({
  count: z.coerce.number().int().min(1).max(500),
  offset: z.coerce.number().int().min(0),
  recipient: z.string().optional(),
  tag: z.string().optional(),
});

/** One entry of `/messages/outbound`, in Postmark's shape (bodies are left to the details endpoint). */
function outboundEntry(m: SinkMessage) {
  const addresses = (field: string | undefined) =>
    splitRecipients(field ?? '').flatMap((recipient) => {
      const mailbox = parseMailbox(recipient);
      return mailbox ? [{ Email: mailbox.address, Name: mailbox.name ?? null }] : [];
    });
  return {
    MessageID: m.MessageID,
    MessageStream: m.MessageStream ?? 'outbound',
    Tag: m.Tag ?? '',
    From: m.From,
    To: addresses(m.To),
    Cc: addresses(m.Cc),
    Bcc: addresses(m.Bcc),
    Recipients: recipientList(m),
    ReceivedAt: m.SubmittedAt,
    Subject: m.Subject,
    Attachments: m.Attachments.map((a) => a.Name),
    Status: 'Sent',
    TrackOpens: false,
    TrackLinks: 'None',
    Metadata: m.Metadata,
    Sandboxed: false,
  };
}

function accept(store: SinkStore, body: unknown) {
  const result = validateMessage(body);
  if ('refusal' in result) return { status: 422, body: result.refusal };
  const stored = store.add(result.message);
  return {
    status: 200,
    body: { To: stored.To, SubmittedAt: stored.SubmittedAt, MessageID: stored.MessageID, ErrorCode: 0, Message: 'OK' },
  };
}

/** POST /email and /email/batch as Postmark answers them. `token`, when set, is the only server token accepted. */
export function postmarkApi(store: SinkStore, token?: string): Router {
  const router = express.Router();
  router.use(['/email', '/email/batch', '/messages/outbound'], (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('X-Postmark-Server-Token');
    if (!given || (token !== undefined && given !== token)) {
      res.status(401).json(refusal(POSTMARK_ERROR.badToken, 'Request does not contain a valid Server token.'));
      return;
    }
    next();
  });
  router.use(['/email', '/email/batch'], express.json({ limit: '50mb' }));
  // After parsing, so an injected failure can be aimed at one recipient.
  router.use(['/email', '/email/batch'], (req: Request, res: Response, next: NextFunction) => {
    const failure = store.takeFailure(recipientsOf(req.body));
    if (failure) {
      res.status(failure.status).json(refusal(failure.errorCode, failure.message));
      return;
    }
    next();
  });

  // Postmark's Data Removal API (an account-level call): the sink removes at once and says Done.
  let removals = 0;
  router.post('/data-removals', express.json(), (req, res) => {
    if (!req.get('X-Postmark-Account-Token')) {
      res.status(401).json(refusal(POSTMARK_ERROR.badToken, 'Request does not contain a valid Account token.'));
      return;
    }
    const requestedFor = (req.body as { RequestedFor?: unknown } | undefined)?.RequestedFor;
    if (typeof requestedFor !== 'string' || !requestedFor.includes('@')) {
      res.status(422).json(refusal(POSTMARK_ERROR.invalidEmailRequest, 'RequestedFor must be an email address.'));
      return;
    }
    store.removeFor(requestedFor);
    removals += 1;
    res.json({ ID: removals, Status: 'Done' });
  });

  router.post('/email', (req, res) => {
    const stall = store.takeStall(recipientsOf(req.body));
    const { status, body } = accept(store, req.body);
    const answer = () => {
      if (!res.headersSent && !res.destroyed) res.status(status).json(body);
    };
    if (stall) setTimeout(answer, stall.ms).unref();
    else answer();
  });

  // Postmark's outbound message search: count and offset required, filters exact, newest first.
  router.get('/messages/outbound', (req, res) => {
    const parsed = outboundSearch.safeParse(req.query);
    if (!parsed.success) {
      res.status(422).json(refusal(POSTMARK_ERROR.invalidEmailRequest, `Invalid search: ${z.prettifyError(parsed.error)}`));
      return;
    }
    const { count, offset, recipient, tag } = parsed.data;
    const metadataParam = Object.keys(req.query).find((name) => name.startsWith('metadata_'));
    const metadataValue = metadataParam === undefined ? undefined : req.query[metadataParam];
    const metadata =
      metadataParam !== undefined && typeof metadataValue === 'string'
        ? { name: metadataParam.slice('metadata_'.length), value: metadataValue }
        : undefined;
    const found = store.search({ recipient, tag, metadata });
    res.json({ TotalCount: found.length, Messages: found.slice(offset, offset + count).map(outboundEntry) });
  });

  router.post('/email/batch', (req, res) => {
    if (!Array.isArray(req.body)) {
      res.status(422).json(refusal(POSTMARK_ERROR.invalidJson, 'Batch body must be a JSON array of messages.'));
      return;
    }
    // Postmark answers a batch with 200 and one result per message, refusals included.
    res.json(req.body.map((message: unknown) => accept(store, message).body));
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed') {
      res.status(422).json(refusal(POSTMARK_ERROR.invalidJson, 'Received invalid JSON input.'));
      return;
    }
    next(error);
  });
  return router;
}
