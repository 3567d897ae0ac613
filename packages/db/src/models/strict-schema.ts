import { Schema, type SchemaDefinition } from 'mongoose';

/**
 * Every collection's schema options: unknown fields throw instead of vanishing, and no `__v`
 * (documents that need a version carry their own).
 */
export const STRICT = { strict: 'throw', versionKey: false } as const;

/**
 * Updates validate like inserts do, so a bad enum or a missing required field is refused at the
 * model whichever way it is written.
 */
export function validateUpdates<T>(schema: Schema<T>): Schema<T> {
  schema.pre(['updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace'], function validateUpdate() {
    this.setOptions({ runValidators: true });
  });
  return schema;
}

/** A sub-document shape: strict, and no `_id` of its own. */
export function embedded<T>(definition: SchemaDefinition<T>): Schema<T> {
  return new Schema<T>(definition, { _id: false, strict: 'throw' });
}

export const requiredString = { type: String, required: true } as const;
export const requiredDate = { type: Date, required: true } as const;
export const requiredNumber = { type: Number, required: true } as const;
/** A field that must be present but may be the empty string (mongoose's `required` refuses ''). */
export const presentString = { type: String, default: '', validate: (value: unknown) => typeof value === 'string' } as const;
