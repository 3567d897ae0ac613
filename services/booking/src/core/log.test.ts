import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLog } from './log';

function logged(write: (log: ReturnType<typeof createLog>) => void): string {
  const lines: string[] = [];
  write(createLog('info', new Writable({ write: (chunk, _encoding, done) => void (lines.push(String(chunk)), done()) })));
  return lines.join('');
}

describe('booking log', () => {
  it('never writes a bearer key, a session cookie, a candidate token or a webhook secret', () => {
    const key = 'pk_abcdefghijklmnopqrst_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';
    const text = logged((log) => {
      log.warn({ req: { headers: { authorization: `Bearer ${key}`, cookie: 'portal_hr_session=s3ss10n' } } }, 'request');
      log.warn({ input: { token: 'eyJ.candidate.token', interviewId: 'i-1' }, secret: 'whsec_abc' }, 'call');
    });
    expect(text).not.toContain(key);
    expect(text).not.toContain('s3ss10n');
    expect(text).not.toContain('eyJ.candidate.token');
    expect(text).not.toContain('whsec_abc');
    expect(text).toContain('i-1');
    expect(text).toContain('[redacted]');
  });
});
