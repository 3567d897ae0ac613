import type { CallRecord, ZoomMeeting } from '@portal/devstack/zoom-stand-in';

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
    /** For `seconds`, a create is done at once but answered only then: a worker can die before the answer reaches it. */
    async hold(seconds: number): Promise<number> {
      const { holdUntil } = (await control('/hold', { method: 'POST', body: JSON.stringify({ seconds }) })) as { holdUntil: string };
      return Date.parse(holdUntil);
    },
  };
}
