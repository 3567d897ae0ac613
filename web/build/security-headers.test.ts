import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from './security-headers';

const nginx = readFileSync(new URL('../nginx.conf', import.meta.url), 'utf8');

describe('the web app in production (nginx) sends the headers the preview sends', () => {
  it.each(Object.entries(SECURITY_HEADERS))('%s', (name, value) => {
    expect(nginx).toContain(`add_header ${name} "${value}" always;`);
  });

  it('sets X-Forwarded-For itself rather than passing on the client\'s', () => {
    const proxied = nginx.match(/proxy_pass /g) ?? [];
    expect(proxied.length).toBeGreaterThan(0);
    expect(nginx.match(/proxy_set_header X-Forwarded-For \$remote_addr;/g)).toHaveLength(proxied.length);
    expect(nginx).not.toContain('$proxy_add_x_forwarded_for');
  });
});
