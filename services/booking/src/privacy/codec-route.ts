import cors from 'cors';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AesGcmPayloadCodec, CandidateKeyDestroyedError, parsePayloadKeys, PayloadDecryptionError, UnknownCandidateKeyError, type Payload } from '@portal/shared/payload-codec';
import { readSignedIn } from '../auth/sessions';
import { createExpressContext, type Deps } from '../http/context';

/** The remote codec protocol: `{ payloads: [{ metadata: { key: base64 }, data: base64 }] }` both ways. */
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
const body = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })).max(10_000),
});
/**
 * The Temporal UI sends one request per payload list of an event. Over a whole lifecycle with the
 * longest names and reason (invite, book, cancel: 53 requests) the largest measured 3,399 bytes,
 * an activity's input (tests/codec-endpoint.test.ts prints it and fails under 16× headroom).
 * 256 KB is ~75× that; Temporal itself refuses a payload over 2 MB.
 */
const CODEC_BODY_LIMIT = '256kb';
type WirePayload = z.infer<typeof body>['payloads'][number];

const fromWire = (p: WirePayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toWire = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The Temporal Web UI's codec server (`POST /codec/encode`, `POST /codec/decode`): the payload
 * keys stay in the portal, and only a signed-in HR user's browser gets clear text back. CORS lets
 * only the UI's origin call it, with credentials (the UI's "include cross-origin credentials"),
 * so the HR session cookie comes along; without a valid session the answer is 401.
 */
export function codecRoutes(deps: Deps, log: Logger): Router {
  const codec = new AesGcmPayloadCodec(parsePayloadKeys(deps.env.PAYLOAD_KEYS), deps.keyring);
  const contextOf = createExpressContext(deps);
  const router = Router();
  router.use(
    cors({
      origin: [new URL(deps.env.TEMPORAL_UI_URL).origin],
      credentials: true,
      methods: ['POST'],
      allowedHeaders: ['Content-Type', 'X-Namespace'],
      maxAge: 600,
    }),
  );
  // The session first: an unauthenticated request is answered before a byte of its body is read,
  // and the connection is closed rather than drained, so nobody can make the API read megabytes for free.
  router.post(['/encode', '/decode'], async (req: Request, res: Response, next: NextFunction) => {
    const session = await readSignedIn(deps.db, contextOf({ req, res }).cookies.sessionId);
    if (session === null) {
      res.set('Connection', 'close');
      return void res.status(401).json({ error: { code: 'UNAUTHORIZED', message: 'Sign in to the HR console to read interview data.' } });
    }
    // The Web UI shows every team's lifecycles: reading them is the deployment's owner's (docs/adr/0076).
    if (!session.owner) {
      res.set('Connection', 'close');
      return void res.status(403).json({ error: { code: 'FORBIDDEN', message: "Reading interview data in the Temporal Web UI is for the deployment's owner: it shows every team's." } });
    }
    res.locals['hrEmail'] = session.email;
    next();
  });
  router.use(express.json({ limit: CODEC_BODY_LIMIT }));

  const handle = (direction: 'encode' | 'decode') => async (req: Request, res: Response) => {
    const parsed = body.safeParse(req.body);
    if (!parsed.success) return void res.status(400).json({ error: { code: 'BAD_REQUEST', message: 'Expected { payloads: [{ metadata, data }] } with base64 values.' } });
    try {
      const payloads = parsed.data.payloads.map(fromWire);
      const out = direction === 'encode' ? await codec.encode(payloads) : await Promise.all(payloads.map(decodeOrErased));
      res.json({ payloads: out.map(toWire) });
    } catch (error) {
      if (!(error instanceof PayloadDecryptionError) && !(error instanceof UnknownCandidateKeyError)) throw error;
      log.warn({ err: error, user: res.locals['hrEmail'] as string }, 'codec refused a payload');
      res.status(400).json({ error: { code: 'BAD_REQUEST', message: error.message } });
    }
  };
  // A payload whose candidate was erased reads as a typed note, not a failure: the UI shows the
  // rest of the history, and this one says why it cannot be read (docs/adr/0030).
  const decodeOrErased = async (payload: Payload): Promise<Payload> => {
    try {
      const [decoded] = await codec.decode([payload]);
      return decoded ?? payload;
    } catch (error) {
      if (!(error instanceof CandidateKeyDestroyedError)) throw error;
      const note = { error: 'KEY_DESTROYED', keyId: error.keyId, destroyedAt: error.destroyedAt?.toISOString() ?? null, message: error.message };
      return { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(note)) };
    }
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
