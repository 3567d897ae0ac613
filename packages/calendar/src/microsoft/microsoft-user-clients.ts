import { createHash } from 'node:crypto';
import { microsoftCalendarClient, type MicrosoftCalendarClient } from './microsoft-calendar';
import { microsoftTokenSource, type MicrosoftApp } from './microsoft-auth';
import type { MicrosoftEndpoints } from './microsoft-provider';

/** An interviewer's own delegated grant (docs/adr/0061): the portal's app registration, their refresh token, their mailbox. */
export interface MicrosoftUserGrant {
  app: MicrosoftApp;
  refreshToken: string;
  mailbox: string;
}

const grantKey = ({ app, refreshToken, mailbox }: MicrosoftUserGrant) =>
  createHash('sha256').update(`${app.tenantId} ${app.clientId} ${app.clientSecret} ${mailbox} ${refreshToken}`).digest('base64url');

/**
 * Graph clients by interviewer's own grant, made once and kept, as the app-only ones are: the
 * token source keeps the access token until five minutes before it expires and the refresh token
 * Entra ID rotates in, telling `onRefreshToken` (given when the client is made) each new one so the
 * sealed copy can follow. `forget` drops a grant's client (refused, replaced).
 */
export function createMicrosoftUserClients(endpoints: MicrosoftEndpoints, max = 5_000) {
  const clients = new Map<string, MicrosoftCalendarClient>();
  const { graphUrl, authorityHost, plainHttpHost, timeoutMs } = endpoints;
  const hosts = { ...(plainHttpHost ? { plainHttpHost } : {}), timeoutMs };
  return {
    clientFor(grant: MicrosoftUserGrant, onRefreshToken?: (refreshToken: string) => void): MicrosoftCalendarClient {
      const key = grantKey(grant);
      let found = clients.get(key);
      if (found === undefined) {
        let current = key;
        // The client moves to the rotated token's key, so the grant read back with it finds this client and its access token.
        const rotated = (next: string) => {
          const client = clients.get(current);
          clients.delete(current);
          current = grantKey({ ...grant, refreshToken: next });
          if (client !== undefined) clients.set(current, client);
          onRefreshToken?.(next);
        };
        const auth = microsoftTokenSource({ kind: 'user', ...grant.app, refreshToken: grant.refreshToken }, { ...hosts, ...(authorityHost ? { authorityHost } : {}), onRefreshToken: rotated });
        found = microsoftCalendarClient({ auth, viewer: grant.mailbox, ...hosts, ...(graphUrl ? { graphUrl } : {}) });
        if (clients.size >= max) clients.delete(clients.keys().next().value ?? '');
        clients.set(key, found);
      }
      return found;
    },
    forget(grant: MicrosoftUserGrant): void {
      clients.delete(grantKey(grant));
    },
  };
}

export type MicrosoftUserClients = ReturnType<typeof createMicrosoftUserClients>;
