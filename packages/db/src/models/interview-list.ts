import { Schema } from 'mongoose';
import { STRICT, embedded, requiredDate, requiredString, validateUpdates } from './strict-schema';

/** One change's effect on the HR list's counts. */
export interface ListMove {
  countKey: string;
  /** Days since the epoch (UTC) of the interview's creation: its bucket. */
  day: number;
  by: number;
  /** `<createdAt ISO>|<interview id>`: the interview's row in that day's rows. */
  row: string;
}

/** A change's moves, not yet folded into the counts; `_id` is the change's own key. */
export interface ListMovesDocument {
  _id: string;
  at: Date;
  moves: ListMove[];
  /** Added to the counts already; kept a day so a retried change meets its own key. */
  folded: boolean;
}

/** Interviews per day for one way of listing (`_id` is its count key); written only by the fold. */
export interface ListCountsDocument {
  _id: string;
  byDay: Record<string, number>;
  lastFolded: string[];
  foldedAt: Date;
}

/** The interviews of one day for one way of listing (`_id` is `<count key>|d<day>`), as rows; written only by the fold. */
export interface ListRowsDocument {
  _id: string;
  rows: string[];
}

const listMoveSchema = embedded<ListMove>({ countKey: requiredString, day: { type: Number, required: true }, row: requiredString, by: { type: Number, required: true } });

export const listMovesSchema = validateUpdates(
  new Schema<ListMovesDocument>(
    {
      _id: requiredString,
      at: requiredDate,
      moves: { type: [listMoveSchema], required: true },
      folded: { type: Boolean, required: true },
    },
    STRICT,
  ),
);

listMovesSchema.index({ folded: 1 });

export const listCountsSchema = validateUpdates(
  new Schema<ListCountsDocument>(
    {
      _id: requiredString,
      // day → count: plain data, checked by the fold that alone writes it.
      byDay: { type: Schema.Types.Mixed, required: true },
      lastFolded: { type: [String], default: [] },
      foldedAt: requiredDate,
    },
    STRICT,
  ),
);

export const listRowsSchema = validateUpdates(new Schema<ListRowsDocument>({ _id: requiredString, rows: { type: [String], required: true } }, STRICT));
