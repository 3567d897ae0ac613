import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CandidateKeyDestroyedError, CandidateKeyring, candidateSearchKey, parsePayloadKeys, type StoredCandidateKey } from '@portal/shared/payload-codec';
import type { Database } from './database';
import { candidateKeyFor, candidateKeyIdsOf, candidateKeyStore, destroyCandidateKey, releaseCandidateClaims } from './candidate-keys';
import { openTestDatabase } from './testing';

const masterKey = () => randomBytes(32).toString('base64');
const masterKeys = parsePayloadKeys(`m1:${masterKey()}`);
let db: Database;
let n = 0;
const newAddress = () => `candidate.${(n += 1)}@example.test`;

beforeAll(async () => {
  db = await openTestDatabase('candidate_keys');
});
afterAll(async () => {
  await db?.close();
});

describe('the candidate key claimed at invitation', () => {
  it('gives a first invitation one new key, claimed under the address, with nothing read', async () => {
    const reads = [vi.spyOn(db.candidateDigests, 'findById'), vi.spyOn(db.candidateKeys, 'findById')];
    const held: StoredCandidateKey[] = [];
    const email = newAddress();
    const keyId = await candidateKeyFor(db, masterKeys, email, (stored) => held.push(stored));
    expect(reads.map((read) => read.mock.calls.length)).toEqual([0, 0]);
    for (const read of reads) read.mockRestore();
    expect(keyId).toMatch(/^ck_/);
    expect(await candidateKeyIdsOf(db, masterKeys, email)).toEqual([keyId]);
    expect(held.map((stored) => stored._id)).toEqual([keyId]);
    const keyring = new CandidateKeyring(masterKeys, candidateKeyStore(db));
    expect((await keyring.key(keyId)).length).toBe(32);
  });

  it('gives two racing first invitations one key, and leaves no second key behind', async () => {
    const email = newAddress();
    const held: string[] = [];
    const keyIds = await Promise.all(Array.from({ length: 4 }, () => candidateKeyFor(db, masterKeys, email, (stored) => held.push(stored._id))));
    expect(new Set(keyIds).size).toBe(1);
    expect(await candidateKeyIdsOf(db, masterKeys, email)).toEqual([keyIds[0]]);
    // Every caller holds the key for its keyring, the winner's as written, the others' as read.
    expect(held).toEqual(keyIds);
    expect(await liveKeysUnclaimed()).toEqual([]);
  });

  it('gives a candidate invited again the key they have', async () => {
    const email = newAddress();
    const first = await candidateKeyFor(db, masterKeys, email);
    const held: string[] = [];
    expect(await candidateKeyFor(db, masterKeys, email.toUpperCase(), (stored) => held.push(stored._id))).toBe(first);
    expect(held).toEqual([first]);
  });

  it('gives an erased candidate invited again a new key, and the old one stays destroyed', async () => {
    const email = newAddress();
    const erased = await candidateKeyFor(db, masterKeys, email);
    await destroyCandidateKey(db, erased, new Date());
    await releaseCandidateClaims(db, masterKeys, email);
    const fresh = await candidateKeyFor(db, masterKeys, email);
    expect(fresh).not.toBe(erased);
    expect(await candidateKeyIdsOf(db, masterKeys, email)).toEqual([fresh]);
    const keyring = new CandidateKeyring(masterKeys, candidateKeyStore(db));
    await expect(keyring.key(erased)).rejects.toBeInstanceOf(CandidateKeyDestroyedError);
    expect((await keyring.key(fresh)).length).toBe(32);
    expect(await db.candidateKeys.findById(erased).lean()).toMatchObject({ wrapped: null, wrappedBy: null });
  });

  it('finds a key claimed under the master key used before a rotation', async () => {
    const email = newAddress();
    const before = await candidateKeyFor(db, masterKeys, email);
    const rotated = parsePayloadKeys(`m2:${masterKey()},m1:${masterKeys.byId.get('m1')?.toString('base64') ?? ''}`);
    expect(await candidateKeyFor(db, rotated, email)).toBe(before);
    // A candidate first invited after the rotation is claimed under the new primary key.
    const after = newAddress();
    const keyId = await candidateKeyFor(db, rotated, after);
    expect(await db.candidateDigests.findById(candidateSearchKey(rotated, after)).lean()).toMatchObject({ keyId });
  });

  it('takes back a claim whose key never landed, so the candidate still gets a key', async () => {
    const email = newAddress();
    const stale = new Date(Date.now() - 5 * 60_000);
    await db.candidateDigests.create({ _id: candidateSearchKey(masterKeys, email), keyId: 'ck_never-written', createdAt: stale });
    const keyId = await candidateKeyFor(db, masterKeys, email);
    expect(keyId).not.toBe('ck_never-written');
    expect(await db.candidateKeys.findById(keyId).lean()).toMatchObject({ _id: keyId });
    expect(await candidateKeyIdsOf(db, masterKeys, email)).toEqual([keyId]);
  });
});

/** Keys no claim names and no erasure destroyed: a racing invitation's own key it failed to take back. */
async function liveKeysUnclaimed(): Promise<string[]> {
  const claimed = new Set((await db.candidateDigests.find({}).lean()).map((claim) => claim.keyId));
  return (await db.candidateKeys.find({}).lean()).filter((key) => key.wrapped !== null && !claimed.has(key._id)).map((key) => key._id);
}
