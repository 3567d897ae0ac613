import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CandidateKeyring, DEV_PAYLOAD_KEYS, parsePayloadKeys, portalDataConverter, type StoredCandidateKey } from '@portal/shared/payload-codec';

const historiesDir = fileURLToPath(new URL('../src/histories', import.meta.url));

export interface RecordedHistory {
  /** The file's name without `.json`: the replay's workflow id. */
  readonly name: string;
  readonly history: { events: { eventTime?: string; eventType?: string }[] };
  /** When the recorded run started (its first event). */
  readonly startedAt: string;
}

/** Every recorded history (histories/*.json), in name order. */
export function recordedHistories(): RecordedHistory[] {
  return readdirSync(historiesDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = JSON.parse(readFileSync(`${historiesDir}/${file}`, 'utf8')) as RecordedHistory['history'];
      return { name: file.replace(/\.json$/, ''), history, startedAt: history.events[0]?.eventTime ?? '' };
    });
}

/**
 * The converter the recorded histories replay with: the portal's codec, with the candidate data keys
 * of the histories recorded since keys per candidate (docs/adr/0030), wrapped by the development master key.
 */
export function recordedHistoriesDataConverter() {
  const storedKeys = new Map(
    readdirSync(`${historiesDir}/keys`).map((file) => {
      const key = JSON.parse(readFileSync(`${historiesDir}/keys/${file}`, 'utf8')) as StoredCandidateKey;
      return [key._id, key];
    }),
  );
  const keyring = new CandidateKeyring(parsePayloadKeys(DEV_PAYLOAD_KEYS), {
    keyIdOfInterview: async () => null,
    keyIdOfLoop: async () => null,
    findKey: async (keyId) => storedKeys.get(keyId) ?? null,
  });
  return portalDataConverter(DEV_PAYLOAD_KEYS, keyring);
}
