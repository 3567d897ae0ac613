import { Schema } from 'mongoose';
import type { TeamBranding } from '@portal/shared/team-inputs';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** A hiring team of the deployment (docs/adr/0076); `_id` is its slug. A small collection, read whole by the owner's page. */
export interface TeamDocument {
  _id: string;
  name: string;
  branding: TeamBranding | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

const brandingSchema = embedded<TeamBranding>({ logoUrl: { type: String }, colour: { type: String } });

export const teamSchema = validateUpdates(
  new Schema<TeamDocument>(
    {
      _id: requiredString,
      name: requiredString,
      branding: { type: brandingSchema, default: null },
      createdAt: requiredDate,
      updatedAt: requiredDate,
      updatedBy: requiredString,
    },
    STRICT,
  ),
);
