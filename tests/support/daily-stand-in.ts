import type { CallRecord } from '@portal/devstack/daily-stand-in';

/** This test file's account at the run's Daily stand-in (the key its portal was started with). */
export function dailyAccount(apiUrl: string, apiKey: string) {
  const origin = new URL(apiUrl).origin;
  const control = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${origin}/_stand-in${path}`, { ...init, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
    if (!response.ok) throw new Error(`stand-in ${path}: ${response.status}`);
    return response.json() as Promise<unknown>;
  };
  return {
    /** Every call the portal made to the stand-in for `room`, oldest first, with the status answered. */
    async callsFor(room: string): Promise<CallRecord[]> {
      return ((await control('/calls')) as CallRecord[]).filter((call) => call.room === room);
    },
    /** Daily down: every API call of this account answers 503 for `seconds`. */
    async down(seconds: number): Promise<number> {
      const { downUntil } = (await control('/outage', { method: 'POST', body: JSON.stringify({ seconds }) })) as { downUntil: string };
      return Date.parse(downUntil);
    },
  };
}
