import { z } from 'zod';
import { screened } from './text';

/**
 * Ids as the portal makes them, checked before any query (docs/adr/0012). Interviews and HR users
 * get `randomUUID()`; interviewers get one too unless an admin or the seed names them (`demo-grace`),
 * so their ids are a short slug. A `:` never appears in one: it joins ids in composite keys.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const interviewId = screened(z.string().regex(UUID, 'must be an interview id'));
export const hrUserId = screened(z.string().regex(UUID, 'must be a user id'));
export const interviewerId = screened(z.string().regex(SLUG, 'must be an interviewer id (letters, digits, ".", "_" or "-", at most 64)'));
