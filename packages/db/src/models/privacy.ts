import { Schema } from 'mongoose';
import { STRICT, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** A candidate's data key (docs/adr/0030), `_id` the `ck_…` id payloads name; `wrapped` is null once destroyed. */
export interface CandidateKeyDocument {
  _id: string;
  wrapped: string | null;
  wrappedBy: string | null;
  createdAt: Date;
  destroyedAt: Date | null;
}

/** The claim that gives one candidate one key: `_id` is the keyed digest of their address under a master key. Deleted on erasure. */
export interface CandidateDigestDocument {
  _id: string;
  keyId: string;
  createdAt: Date;
}

/** An erasure as it is kept: who and when and which interviews, never the person. */
export interface ErasureDocument {
  _id: string;
  at: Date;
  actor: string;
  trigger: 'request' | 'retention';
  notify: boolean;
  interviewIds: string[];
  keyIds: string[];
}

/** HR's retention policy, one document `_id: 'retention'`. */
export interface RetentionPolicyDocument {
  _id: 'retention';
  /** Personal data is erased this many days after the candidate's last interview ends with an outcome (fractions allowed). */
  personalDataDays: number;
  updatedAt: Date;
  updatedBy: string;
}

export const candidateKeySchema = validateUpdates(
  new Schema<CandidateKeyDocument>(
    {
      _id: requiredString,
      wrapped: { type: String, default: null },
      wrappedBy: { type: String, default: null },
      createdAt: requiredDate,
      destroyedAt: { type: Date, default: null },
    },
    STRICT,
  ),
);

export const candidateDigestSchema = validateUpdates(
  new Schema<CandidateDigestDocument>({ _id: requiredString, keyId: requiredString, createdAt: requiredDate }, STRICT),
);

export const erasureSchema = validateUpdates(
  new Schema<ErasureDocument>(
    {
      _id: requiredString,
      at: requiredDate,
      actor: requiredString,
      trigger: { type: String, enum: ['request', 'retention'], required: true },
      notify: { type: Boolean, required: true },
      interviewIds: { type: [String], required: true },
      keyIds: { type: [String], required: true },
    },
    STRICT,
  ),
);

export const retentionPolicySchema = validateUpdates(
  new Schema<RetentionPolicyDocument>(
    {
      _id: { type: String, enum: ['retention'], required: true },
      personalDataDays: { type: Number, required: true, min: 0 },
      updatedAt: requiredDate,
      updatedBy: requiredString,
    },
    STRICT,
  ),
);
