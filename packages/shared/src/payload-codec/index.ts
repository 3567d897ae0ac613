import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import type { CandidateKeyring } from './candidate-keys';
import { parsePayloadKeys } from './keys';

export { AesGcmPayloadCodec, PayloadDecryptionError, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './aes-gcm-codec';
export { DEV_PAYLOAD_KEYS, parsePayloadKeys, payloadKeysVariable, type PayloadKeys } from './keys';
export { candidateSearchKey } from './search-key';
export {
  CandidateKeyDestroyedError,
  CandidateKeyring,
  isCandidateKeyId,
  newCandidateKey,
  UnknownCandidateKeyError,
  type CandidateKeyStore,
  type StoredCandidateKey,
} from './candidate-keys';
export type { Payload } from '@temporalio/common';

/**
 * The data converter every Temporal client and worker of the portal uses: payloads (inputs,
 * results, queries, updates, memos, summaries) leave the process encrypted. The codec runs
 * outside the workflow sandbox, so workers take it as `dataConverter` like clients do.
 */
export function portalDataConverter(payloadKeys: string, keyring?: CandidateKeyring): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(parsePayloadKeys(payloadKeys), keyring)] };
}
