import type { CallRecord, ZoomMeeting } from '@portal/devstack/zoom-stand-in';
import { DEV_ZOOM_APP } from '@portal/shared/meeting-rooms';

/** This test file's account at the run's Zoom stand-in (the account id its portal was started with). */
export function zoomAccount(origin: string, accountId: string) {
  const control = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${origin}/_stand-in/${encodeURIComponent(accountId)}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`stand-in ${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  const calls = async () => (await control('/calls')) as CallRecord[];
  return {
    /** Every call the account received, token requests included, oldest first, with the status answered. */
    calls,
    /** The calls about one meeting: its create (once made), reads, updates and delete. */
    async callsFor(meetingId: number | string): Promise<CallRecord[]> {
      return (await calls()).filter((call) => call.meetingId === String(meetingId));
    },
    /** The account's meetings as Zoom holds them, whether or not the portal heard back. */
    async meetings(): Promise<ZoomMeeting[]> {
      return (await control('/meetings')) as ZoomMeeting[];
    },
    /** Zoom down: every API call of this account answers 503 for `seconds` (tokens are still given). */
    async down(seconds: number): Promise<number> {
      const { downUntil } = (await control('/outage', { method: 'POST', body: JSON.stringify({ seconds }) })) as { downUntil: string };
      return Date.parse(downUntil);
    },
    /** Someone deletes the meeting in Zoom itself (the account's own API call, as Zoom's web portal would). */
    async deleteAsZoomUser(meetingId: string): Promise<void> {
      const token = await fetch(`${origin}/oauth/token?grant_type=account_credentials&account_id=${encodeURIComponent(accountId)}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${DEV_ZOOM_APP.clientId}:${DEV_ZOOM_APP.clientSecret}`).toString('base64')}` },
      });
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const deleted = await fetch(`${origin}/v2/meetings/${meetingId}`, { method: 'DELETE', headers: { authorization: `Bearer ${accessToken}` } });
      if (deleted.status !== 204) throw new Error(`the stand-in answered ${deleted.status} to the delete`);
    },
    /** For `seconds`, a create is done at once but answered only then: a worker can die before the answer reaches it. */
    async hold(seconds: number): Promise<number> {
      const { holdUntil } = (await control('/hold', { method: 'POST', body: JSON.stringify({ seconds }) })) as { holdUntil: string };
      return Date.parse(holdUntil);
    },
  };
}
