import type { SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { badRequest } from './graph-errors';
import type { Entry } from './mailbox-store';

const QUOTED = String.raw`'((?:[^']|'')*)'`;
const unquote = (value: string) => value.replace(/''/g, "'");
/**
 * The $filter the stand-in reads, as Graph documents it for a string-typed extended property on
 * events: `singleValueExtendedProperties/Any(ep: ep/id eq '…' and ep/value eq|ne '…')` or
 * `… and contains|startswith(ep/value, '…')`. The name in the id is compared case-sensitively,
 * the value case-insensitively (Graph's words).
 */
const PROPERTY_FILTER = new RegExp(
  String.raw`^singleValueExtendedProperties/any\(\s*(\w+)\s*:\s*\1/id eq ${QUOTED} and (?:\1/value (eq|ne) ${QUOTED}|(contains|startswith)\(\s*\1/value\s*,\s*${QUOTED}\s*\))\s*\)$`,
  'i',
);
/** `transactionId eq '…'`: how a client that timed out on a create finds whether it landed. */
const TRANSACTION_FILTER = new RegExp(String.raw`^transactionId eq ${QUOTED}$`, 'i');
type ValueTest = (value: string) => boolean;
const VALUE_TESTS: Record<string, (wanted: string) => ValueTest> = {
  eq: (wanted) => (value) => value.toLowerCase() === wanted,
  ne: (wanted) => (value) => value.toLowerCase() !== wanted,
  contains: (wanted) => (value) => value.toLowerCase().includes(wanted),
  startswith: (wanted) => (value) => value.toLowerCase().startsWith(wanted),
};

function propertyFilter(filter: string): ((entry: Entry) => boolean) | null {
  const match = PROPERTY_FILTER.exec(filter);
  const [id, operator, operand] = [match?.[2], match?.[3] ?? match?.[5], match?.[4] ?? match?.[6]];
  if (id === undefined || operator === undefined || operand === undefined) return null;
  const name = unquote(id);
  const test = VALUE_TESTS[operator.toLowerCase()]?.(unquote(operand).toLowerCase());
  if (test === undefined) return null;
  // The property set's GUID and the type are read as Exchange does (any case); the name is case-sensitive.
  const same = (candidate: string) => candidate.toLowerCase() === name.toLowerCase() && candidate.slice(candidate.lastIndexOf(' Name ')) === name.slice(name.lastIndexOf(' Name '));
  return (entry) => entry.properties.some((p) => same(String(p.id)) && typeof p.value === 'string' && test(p.value));
}

/** A list's `$filter` as a test of an entry: null for none; any other filter 400 ErrorInvalidUrlQueryFilter. */
export function eventFilter(filter: string | null): ((entry: Entry) => boolean) | null {
  if (filter === null) return null;
  const transactionId = TRANSACTION_FILTER.exec(filter.trim())?.[1];
  if (transactionId !== undefined) return (entry) => entry.event.transactionId === unquote(transactionId);
  const byProperty = propertyFilter(filter.trim());
  if (byProperty === null) throw badRequest(`Invalid filter clause: ${filter}`, 'ErrorInvalidUrlQueryFilter');
  return byProperty;
}

/** `$select`: the event's fields named (id and the etag always), or the whole event when absent. */
export function selected<T extends object>(query: URLSearchParams, answer: T): Partial<T> {
  const select = query.get('$select');
  if (select === null) return answer;
  const fields = new Set(['id', '@odata.etag', 'singleValueExtendedProperties', ...select.split(',').map((f) => f.trim())]);
  return Object.fromEntries(Object.entries(answer).filter(([field]) => fields.has(field))) as Partial<T>;
}

const PROPERTY_EXPAND = new RegExp(String.raw`^singleValueExtendedProperties\(\$filter=id eq ${QUOTED}\)$`, 'i');

/** Which extended properties a read asked to see: null for none (`$expand` absent). */
export function expanded(query: URLSearchParams, entry: Entry): SingleValueLegacyExtendedProperty[] | null {
  const expand = query.get('$expand');
  if (expand === null) return null;
  const match = PROPERTY_EXPAND.exec(expand);
  if (match?.[1] === undefined) throw badRequest(`Parsing OData Select and Expand failed: ${expand}`, 'BadRequest');
  const id = unquote(match[1]).toLowerCase();
  return entry.properties.filter((p) => String(p.id).toLowerCase() === id);
}
