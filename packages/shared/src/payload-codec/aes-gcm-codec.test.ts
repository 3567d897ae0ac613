import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptionError } from './aes-gcm-codec';
import { candidateSearchKey } from './search-key';
import { DEV_PAYLOAD_KEYS, parsePayloadKeys } from './keys';

const newKey = () => randomBytes(32).toString('base64');
const codecWith = (keys: string) => new AesGcmPayloadCodec(parsePayloadKeys(keys));
const candidate = { candidateName: 'Ada Lovelace', candidateEmail: 'ada@example.test', link: 'http://localhost:5173/b/eyJhbGciOi' };
const asText = (payload: Payload) => Buffer.from(payload.data ?? []).toString('latin1');
const metadataText = (payload: Payload, key: string) => Buffer.from(payload.metadata?.[key] ?? []).toString();

describe('payload codec (AES-256-GCM)', () => {
  it('round-trips a payload and keeps none of its content or original encoding in clear', async () => {
    const codec = codecWith(`k1:${newKey()}`);
    const original = defaultPayloadConverter.toPayload(candidate);
    const [encoded] = await codec.encode([original]);
    if (!encoded) throw new Error('nothing encoded');
    expect(metadataText(encoded, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(metadataText(encoded, KEY_ID_METADATA)).toBe('k1');
    for (const value of Object.values(candidate)) expect(asText(encoded)).not.toContain(value);
    expect(asText(encoded)).not.toContain('json/plain');
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded as Payload)).toEqual(candidate);
  });

  it('encrypts the same value differently each time (fresh IV)', async () => {
    const codec = codecWith(`k1:${newKey()}`);
    const payload = defaultPayloadConverter.toPayload('same');
    const [a, b] = await codec.encode([payload, payload]);
    expect(asText(a as Payload)).not.toBe(asText(b as Payload));
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = codecWith(`k1:${newKey()}`);
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(candidate)]);
    const data = Buffer.from((encoded as Payload).data ?? []);
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 1;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow(PayloadDecryptionError);
  });

  it('refuses a payload relabelled with another known key id', async () => {
    const codec = codecWith(`k1:${newKey()},k2:${newKey()}`);
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(candidate)]);
    const relabelled = { ...encoded, metadata: { ...encoded?.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
  });

  it('refuses a payload under a key id it does not hold', async () => {
    const [encoded] = await codecWith(`old:${newKey()}`).encode([defaultPayloadConverter.toPayload(candidate)]);
    await expect(codecWith(`new:${newKey()}`).decode([encoded as Payload])).rejects.toThrow(/unknown key "old"/);
  });

  it('decodes payloads written with the old key after a rotation, and writes new ones with the new key', async () => {
    const oldKey = `2024:${newKey()}`;
    const [written] = await codecWith(oldKey).encode([defaultPayloadConverter.toPayload(candidate)]);
    const rotated = codecWith(`2025:${newKey()},${oldKey}`);
    const [read] = await rotated.decode([written as Payload]);
    expect(defaultPayloadConverter.fromPayload(read as Payload)).toEqual(candidate);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(candidate)]);
    expect(metadataText(fresh as Payload, KEY_ID_METADATA)).toBe('2025');
  });

  it('passes through payloads written before the codec, so earlier histories still read', async () => {
    const plain = defaultPayloadConverter.toPayload(candidate);
    const [read] = await codecWith(DEV_PAYLOAD_KEYS).decode([plain]);
    expect(read).toBe(plain);
  });
});

describe('payload keys', () => {
  it('names what is wrong with a key list', () => {
    expect(() => parsePayloadKeys('k1:c2hvcnQ=')).toThrow(/32/);
    expect(() => parsePayloadKeys(`k1:${newKey()},k1:${newKey()}`)).toThrow(/twice/);
    expect(() => parsePayloadKeys('')).toThrow(/no key/);
    expect(parsePayloadKeys(` a:${newKey()} , b:${newKey()}`).primaryId).toBe('a');
  });

  it('gives one candidate the same search digest whatever the case, and no trace of the address', () => {
    const keys = parsePayloadKeys(`k1:${newKey()}`);
    const digest = candidateSearchKey(keys, 'Ada@Example.test');
    expect(digest).toBe(candidateSearchKey(keys, 'ada@example.test'));
    expect(digest).not.toContain('ada');
    expect(digest).not.toBe(candidateSearchKey(parsePayloadKeys(`k1:${newKey()}`), 'ada@example.test'));
  });
});
