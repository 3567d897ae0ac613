import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { microsoftStandIn, type MicrosoftStandIn } from '../../testing/microsoft-stand-in';
import { microsoftProvider } from './microsoft-provider';

let ms: MicrosoftStandIn;
beforeAll(async () => {
  ms = await microsoftStandIn();
});
afterAll(() => ms.close());

const at = (hhmm: string) => new Date(`2031-03-08T${hhmm}:00Z`);
const window = { from: at('00:00'), to: at('23:59'), zone: 'Europe/London' };
const interview = (id: string, from: string, to: string) => ({
  uid: `${id}@interview-portal`, sequence: 0, start: at(from), end: at(to), timeZone: 'Europe/London', summary: 'Interview',
  organizer: { email: 'hiring@contoso.test' }, attendees: [], ics: '',
});

describe('a Microsoft 365 calendar behind the provider interface', () => {
  it('reads the window whole, answers unchanged from one empty delta read, and reads whole again after a change', async () => {
    const ann = ms.uniqueEmail('ann');
    const provider = microsoftProvider(ms.appOnly(), ann);
    await ms.busyEvent(ann, at('09:00'), at('09:30'));
    const first = await provider.read(window, null);
    expect(first).toMatchObject({ changed: true, busy: [{ start: at('09:00'), end: at('09:30') }], declined: [], warnings: [] });
    expect(await provider.read(window, first.marker)).toEqual({ changed: false, marker: expect.any(String) });
    await ms.busyEvent(ann, at('11:00'), at('12:00'), 'tentative');
    const changed = await provider.read(window, first.marker);
    expect(changed.changed && changed.busy).toEqual([{ start: at('09:00'), end: at('09:30') }, { start: at('11:00'), end: at('12:00') }]);
  });

  it('tells the portal’s events (by the UID in the extended property) from the owner’s, and names the interviews the owner declined', async () => {
    const ben = ms.uniqueEmail('ben');
    const provider = microsoftProvider(ms.appOnly(), ben);
    await ms.busyEvent(ben, at('09:00'), at('10:00'));
    expect(await provider.events?.put(interview('int-7', '13:00', '14:00'))).toBe('created');
    expect(await provider.events?.put(interview('int-7', '13:00', '14:30'))).toBe('updated');
    await provider.events?.put({ ...interview('int-8', '15:00', '16:00'), attendees: [{ email: ben }] });
    const declined = await ms.appOnly().getEvent(ben, 'int-8@interview-portal');
    await ms.answer(ben, declined?.id ?? '', ben, 'declined');
    const read = await provider.read(window, null);
    if (!read.changed) throw new Error('a first read is whole');
    expect(read.busy).toEqual([{ start: at('09:00'), end: at('10:00') }, { start: at('13:00'), end: at('14:30') }]);
    expect(read.othersBusy).toEqual([{ start: at('09:00'), end: at('10:00') }]);
    expect(read.declined).toEqual(['int-8']);
    // The second read lists the portal's events only (filtered on the UID's mark), never the owner's own.
    const lists = (await ms.calls()).filter((c) => c.method === 'GET' && c.path === `/users/${encodeURIComponent(ben)}/events`).map((c) => decodeURIComponent(c.query.replace(/\+/g, ' ')));
    expect(lists.length).toBeGreaterThan(0);
    for (const query of lists) expect(query).toMatch(/\$filter=singleValueExtendedProperties\/Any\(ep: ep\/id eq '[^']+' and (ep\/value eq '[^']+'|contains\(ep\/value, '@interview-portal'\))\)/);
    expect(await provider.events?.delete('int-7@interview-portal', 0)).toBe('deleted');
    expect(await provider.events?.delete('int-7@interview-portal', 0)).toBe('already absent');
  });

  it('asks getSchedule for the claim’s last look', async () => {
    const cy = ms.uniqueEmail('cy');
    await ms.busyEvent(cy, at('10:00'), at('11:00'));
    expect(await microsoftProvider(ms.appOnly(), cy).busyAt({ from: at('10:30'), to: at('12:00'), zone: 'UTC' })).toEqual([{ start: at('10:30'), end: at('11:00') }]);
  });
});
