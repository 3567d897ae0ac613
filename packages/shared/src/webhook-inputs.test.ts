import { describe, expect, it } from 'vitest';
import { createWebhookEndpointInput, updateWebhookEndpointInput } from './webhook-inputs';

const events = ['interview.booked'];
const ID = 'whe_AAAAAAAAAAAAAAAAAAAA';

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('a webhook endpoint URL is one line, as every other one-line field', () => {
  // A URL parser drops these inside an address, so each would be stored as typed and called as another.
  it.each([
    ['a line feed', 'https://ats.example.test/ho\nok', 'url: must be one line'],
    ['a carriage return', 'https://ats.example.test/ho\rok', 'url: must be one line'],
    ['CR LF in the host', 'https://ats.exa\r\nmple.test/hook', 'url: must be one line'],
    ['a tab', 'https://ats.example.test/ho\tok', 'url: must not contain control characters'],
    ['a NUL', 'https://ats.example.test/ho\u0000ok', 'url: must not contain control characters'],
  ])('%s is refused, naming the field, on create and on update', (_label, url, issue) => {
    expect(issuesOf(createWebhookEndpointInput.safeParse({ url, events }))).toEqual([issue]);
    expect(issuesOf(updateWebhookEndpointInput.safeParse({ id: ID, url }))).toEqual([issue]);
  });

  it('a pasted trailing newline is trimmed, not refused, and a plain address is kept as given', () => {
    expect(createWebhookEndpointInput.parse({ url: ' https://ats.example.test/hook\n', events }).url).toBe('https://ats.example.test/hook');
    expect(createWebhookEndpointInput.parse({ url: 'https://ats.example.test/hooks/portal?x=1', events }).url).toBe('https://ats.example.test/hooks/portal?x=1');
  });
});
