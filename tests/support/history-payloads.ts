import type { Payload } from '@portal/shared/payload-codec';

export interface FoundPayload {
  path: string;
  payload: Payload;
}

const isPayload = (value: object): value is Payload =>
  'data' in value && 'metadata' in value && (value.data === null || value.data instanceof Uint8Array);

/** Every payload in a fetched history, with where it sits (search attributes and headers included). */
export function payloadsIn(node: unknown, path = ''): FoundPayload[] {
  if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return [];
  if (isPayload(node)) return [{ path, payload: node }];
  return Object.entries(node).flatMap(([key, value]) => payloadsIn(value, path ? `${path}.${key}` : key));
}

/** All text a history holds: plain fields and the raw bytes of every payload, so a needle in clear anywhere is found. */
export function allTextIn(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node instanceof Uint8Array) return Buffer.from(node).toString('latin1');
  if (node === null || typeof node !== 'object') return '';
  return Object.values(node).map(allTextIn).join('\n');
}
