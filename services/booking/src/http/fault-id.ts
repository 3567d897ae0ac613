import { randomUUID } from 'node:crypto';

const ids = new WeakMap<object, string>();

/**
 * The id of one unexpected failure: the log line holding the whole error and the answer holding
 * only this id both ask for it with the same error object, so they always agree.
 */
export function faultId(error: object): string {
  let id = ids.get(error);
  if (id === undefined) {
    id = randomUUID();
    ids.set(error, id);
  }
  return id;
}

/** All a client learns of a failure of ours. */
export function faultMessage(id: string): string {
  return `Something went wrong on our side; try again later. If it keeps happening, quote error id ${id}.`;
}
