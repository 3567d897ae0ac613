import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
// A CommonJS module: Node's ESM loader sees only its default export.
import proto from '@temporalio/proto';
import { CandidateKeyDestroyedError, isCandidateKeyId, type CandidateKeyring } from './candidate-keys';
import type { PayloadKeys } from './keys';

const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** What an encrypted payload says about itself; everything else, its original metadata too, is inside the ciphertext. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (value: string) => new TextEncoder().encode(value);
const readText = (value: Uint8Array | null | undefined) => (value ? new TextDecoder().decode(value) : undefined);
// The key id is bound into the tag, so a payload relabelled with another key id fails to decrypt.
const associatedData = (keyId: string) => Buffer.from(`portal-payload-v1:${keyId}`);

export { CandidateKeyDestroyedError };

export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * AES-256-GCM over the whole serialised payload (its metadata, e.g. `json/plain`, included), a
 * fresh 96-bit IV per payload. Data written before the codec (no `binary/encrypted` encoding) is
 * passed through on decode, so histories recorded earlier still replay and read.
 */
const LIFECYCLE_WORKFLOW = /^interview-(.+)$/;
const LOOP_WORKFLOW = /^loop-(.+)$/;

export class AesGcmPayloadCodec implements PayloadCodec {
  /**
   * With a keyring, a lifecycle's payloads (the workflow id `interview-<id>` in the serialization
   * context, for the workflow, its activities, updates and queries alike) and a loop's
   * (`loop-<id>`) are sealed with its candidate's data key; everything else with the primary
   * master key (docs/adr/0030).
   */
  constructor(
    private readonly keys: PayloadKeys,
    private readonly keyring?: CandidateKeyring,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const candidateKeyId = await this.candidateKeyIdOf(context);
    if (candidateKeyId === null) return payloads.map((payload) => this.encryptOne(payload));
    const key = await (this.keyring as CandidateKeyring).key(candidateKeyId);
    return payloads.map((payload) => this.encryptOne(payload, { keyId: candidateKeyId, key }));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const out: Payload[] = [];
    for (const payload of payloads) {
      const keyId = this.candidateKeyIdIn(payload);
      out.push(this.decryptOne(payload, keyId === undefined ? undefined : await this.candidateKey(keyId)));
      // A lifecycle's payload opened with its candidate's key names that key (the key id is bound
      // into the tag): the worker's next encode for it needs no read of the interview.
      if (keyId !== undefined && context?.workflowId) this.subjectOf(context.workflowId)?.remember(keyId);
    }
    return out;
  }

  /** The lifecycle or loop a workflow id names, with the keyring's reads for it. */
  private subjectOf(workflowId: string) {
    const keyring = this.keyring;
    if (!keyring) return undefined;
    const interviewId = LIFECYCLE_WORKFLOW.exec(workflowId)?.[1];
    if (interviewId !== undefined) return { keyId: () => keyring.keyIdOfInterview(interviewId), remember: (keyId: string) => keyring.remember(interviewId, keyId) };
    const loopId = LOOP_WORKFLOW.exec(workflowId)?.[1];
    if (loopId !== undefined) return { keyId: () => keyring.keyIdOfLoop(loopId), remember: (keyId: string) => keyring.rememberLoop(loopId, keyId) };
    return undefined;
  }

  private async candidateKeyIdOf(context: SerializationContext | undefined): Promise<string | null> {
    const subject = context?.workflowId ? this.subjectOf(context.workflowId) : undefined;
    return subject === undefined ? null : subject.keyId();
  }

  private candidateKeyIdIn(payload: Payload): string | undefined {
    const keyId = readText(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined || !isCandidateKeyId(keyId) || readText(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return undefined;
    return keyId;
  }

  private async candidateKey(keyId: string): Promise<Buffer> {
    if (!this.keyring) throw new PayloadDecryptionError(`payload under candidate key "${keyId}" and no candidate keyring here`);
    return this.keyring.key(keyId);
  }

  encryptOne(payload: Payload, candidate?: { keyId: string; key: Buffer }): Payload {
    const keyId = candidate?.keyId ?? this.keys.primaryId;
    const key = candidate?.key ?? this.keys.byId.get(keyId);
    if (!key) throw new Error(`payload key "${keyId}" missing`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId));
    const plain = ProtoPayload.encode(payload).finish();
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(keyId), [CIPHER_METADATA]: text(CIPHER) },
      data: Buffer.concat([iv, cipher.getAuthTag(), sealed]),
    };
  }

  decryptOne(payload: Payload, candidateKey?: Buffer): Payload {
    if (readText(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = readText(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined) throw new PayloadDecryptionError('encrypted payload without a key id');
    const key = candidateKey ?? this.keys.byId.get(keyId);
    if (!key) throw new PayloadDecryptionError(`payload encrypted with unknown key "${keyId}"`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload under key "${keyId}" failed authentication (altered, or another key with this id)`);
    }
    const inner = ProtoPayload.decode(plain);
    return { metadata: inner.metadata, data: inner.data };
  }
}
