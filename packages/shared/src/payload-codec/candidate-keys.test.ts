import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AesGcmPayloadCodec, KEY_ID_METADATA } from './aes-gcm-codec';
import { CandidateKeyDestroyedError, CandidateKeyring, newCandidateKey, type StoredCandidateKey } from './candidate-keys';
import { parsePayloadKeys } from './keys';

const masterKeys = parsePayloadKeys(`m1:${randomBytes(32).toString('base64')}`);
const candidate = { candidateName: 'Grace Hopper', candidateEmail: 'grace@example.test' };
const lifecycle = { type: 'workflow', namespace: 'default', workflowId: 'interview-i1' } as const;

function storeWith(interviews: Record<string, string>, loops: Record<string, string> = {}) {
  const keys = new Map<string, StoredCandidateKey>();
  const store = {
    reads: 0,
    keys,
    async keyIdOfInterview(interviewId: string) {
      store.reads += 1;
      return interviews[interviewId] ?? null;
    },
    async keyIdOfLoop(loopId: string) {
      store.reads += 1;
      return loops[loopId] ?? null;
    },
    async findKey(keyId: string) {
      store.reads += 1;
      return keys.get(keyId) ?? null;
    },
    add() {
      const fresh = newCandidateKey(masterKeys);
      keys.set(fresh.keyId, { _id: fresh.keyId, wrapped: fresh.wrapped, wrappedBy: fresh.wrappedBy, destroyedAt: null });
      return fresh.keyId;
    },
  };
  return store;
}

describe('candidate data keys in the payload codec', () => {
  it('seals a lifecycle’s payloads with its candidate’s key, and other workflows’ with the master key', async () => {
    const interviews: Record<string, string> = {};
    const store = storeWith(interviews);
    interviews['i1'] = store.add();
    const codec = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    const [other] = await codec.encode([defaultPayloadConverter.toPayload('x')], { type: 'workflow', namespace: 'default', workflowId: 'webhook-endpoint:e1' });
    expect(Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(interviews['i1']);
    expect(Buffer.from(other?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe('m1');
    const [read] = await codec.decode([sealed as Payload]);
    expect(defaultPayloadConverter.fromPayload(read as Payload)).toEqual(candidate);
  });

  it('seals a loop’s own workflow (its input names the candidate) with the same key', async () => {
    const interviews: Record<string, string> = {};
    const loops: Record<string, string> = {};
    const store = storeWith(interviews, loops);
    const keyId = store.add();
    interviews['i1'] = keyId;
    loops['l1'] = keyId;
    const codec = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(candidate)], { type: 'workflow', namespace: 'default', workflowId: 'loop-l1' });
    expect(Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(keyId);
    store.keys.set(keyId, { _id: keyId, wrapped: null, wrappedBy: null, destroyedAt: new Date('2026-01-02T00:00:00Z') });
    await expect(new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store)).decode([sealed as Payload])).rejects.toThrow(/key destroyed/);
  });

  it('reads the database once per lifecycle and key, not per payload', async () => {
    const interviews: Record<string, string> = {};
    const store = storeWith(interviews);
    interviews['i1'] = store.add();
    const codec = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    for (let i = 0; i < 50; i += 1) await codec.decode(await codec.encode([defaultPayloadConverter.toPayload(i)], lifecycle));
    expect(store.reads).toBe(2);
  });

  it('learns a lifecycle’s key from a payload it opened, so a worker’s first encode reads no interview', async () => {
    const interviews: Record<string, string> = {};
    const store = storeWith(interviews);
    interviews['i1'] = store.add();
    const client = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    const started = await client.encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    const readsBefore = store.reads;
    const worker = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    await worker.decode(started, lifecycle);
    const [command] = await worker.encode([defaultPayloadConverter.toPayload('activity input')], lifecycle);
    expect(Buffer.from(command?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(interviews['i1']);
    // The key itself, once; the interview's key id, never.
    expect(store.reads - readsBefore).toBe(1);
  });

  it('seals a new candidate’s first start with the key its invitation created, reading nothing back', async () => {
    const store = storeWith({});
    const keyId = store.add();
    const keyring = new CandidateKeyring(masterKeys, store);
    const stored = store.keys.get(keyId);
    if (!stored) throw new Error('no key');
    keyring.remember('i1', keyId);
    keyring.rememberStored(stored);
    const [sealed] = await new AesGcmPayloadCodec(masterKeys, keyring).encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    expect(Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(keyId);
    expect(store.reads).toBe(0);
  });

  it('stays bounded however many lifecycles a worker opens', async () => {
    const interviews: Record<string, string> = {};
    const store = storeWith(interviews);
    interviews['i1'] = store.add();
    const keyring = new CandidateKeyring(masterKeys, store, { ttlMs: 60_000, maxEntries: 10 });
    const codec = new AesGcmPayloadCodec(masterKeys, keyring);
    const sealed = await codec.encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    for (let i = 0; i < 100; i += 1) await codec.decode(sealed, { type: 'workflow', namespace: 'default', workflowId: `interview-n${i}` });
    // The newest are known without a read; the oldest were dropped and are read again.
    const reads = store.reads;
    await keyring.keyIdOfInterview('n99');
    expect(store.reads).toBe(reads);
    await keyring.keyIdOfInterview('n0');
    expect(store.reads).toBe(reads + 1);
  });

  it('answers "key destroyed" for payloads under a destroyed key, and seals nothing more under it', async () => {
    const interviews: Record<string, string> = {};
    const store = storeWith(interviews);
    const keyId = store.add();
    interviews['i1'] = keyId;
    const writer = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    const sealed = await writer.encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    store.keys.set(keyId, { _id: keyId, wrapped: null, wrappedBy: null, destroyedAt: new Date('2026-01-02T00:00:00Z') });
    const reader = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store));
    await expect(reader.decode(sealed)).rejects.toThrow(CandidateKeyDestroyedError);
    await expect(reader.decode(sealed)).rejects.toThrow(/key destroyed/);
    await expect(reader.encode([defaultPayloadConverter.toPayload(1)], lifecycle)).rejects.toThrow(CandidateKeyDestroyedError);
  });

  describe('over time', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** One lifecycle with its key, a keyring keeping keys a minute, and a clock the test moves. */
    function oneLifecycleOnFakeClock() {
      vi.useFakeTimers({ toFake: ['Date'] });
      const interviews: Record<string, string> = {};
      const store = storeWith(interviews);
      const keyId = store.add();
      interviews['i1'] = keyId;
      const codec = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, store, { ttlMs: 60_000, maxEntries: 10 }));
      return { store, keyId, codec };
    }

    it('reads a key in use again in the background before it expires, so no payload waits for the read', async () => {
      const { store, keyId, codec } = oneLifecycleOnFakeClock();
      await codec.encode([defaultPayloadConverter.toPayload(1)], lifecycle);
      expect(store.reads).toBe(2);
      // Past half its time: the key answers at once, and one read goes out beside it.
      vi.setSystemTime(Date.now() + 40_000);
      let landRead: () => void = () => undefined;
      const findKey = store.findKey.bind(store);
      store.findKey = (id: string) => new Promise((resolve) => (landRead = () => void findKey(id).then(resolve)));
      const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(2)], lifecycle);
      expect(Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe(keyId);
      expect(store.reads).toBe(2);
      landRead();
      await vi.waitFor(() => expect(store.reads).toBe(3));
      store.findKey = findKey;
      // Past the first read's time, within the second's: nothing read, the lifecycle's key id neither.
      vi.setSystemTime(Date.now() + 40_000);
      await codec.encode([defaultPayloadConverter.toPayload(3)], lifecycle);
      expect(store.reads).toBe(3);
    });

    it('still learns of a destroyed key within its time while the key is in use', async () => {
      const { store, keyId, codec } = oneLifecycleOnFakeClock();
      await codec.encode([defaultPayloadConverter.toPayload(1)], lifecycle);
      store.keys.set(keyId, { _id: keyId, wrapped: null, wrappedBy: null, destroyedAt: new Date('2026-01-02T00:00:00Z') });
      vi.setSystemTime(Date.now() + 40_000);
      await codec.encode([defaultPayloadConverter.toPayload(2)], lifecycle);
      expect(store.reads).toBe(3);
      await vi.waitFor(() => expect(codec.encode([defaultPayloadConverter.toPayload(3)], lifecycle)).rejects.toThrow(CandidateKeyDestroyedError));
    });
  });

  it('keeps the master key for lifecycles started before candidate keys', async () => {
    const codec = new AesGcmPayloadCodec(masterKeys, new CandidateKeyring(masterKeys, storeWith({})));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(candidate)], lifecycle);
    expect(Buffer.from(sealed?.metadata?.[KEY_ID_METADATA] ?? []).toString()).toBe('m1');
  });
});
