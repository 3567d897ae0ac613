import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRadicale, type TestRadicale } from '@portal/devstack/test-radicale';
import { ApiError } from './support/api-client';
import { plainCalDav } from './support/caldav-reader';
import { alwaysAvailableInterviewer, signInAsAdmin } from './support/fixtures';
import type { PortalUnderTest } from './support/portal-under-test';
import { sharedPortal } from './support/shared-portal';

const USER = { name: 'ana', password: 'stored-app-password' };
const run = Date.now();

interface Recorded {
  method: string;
  url: string;
  authorization: string | undefined;
}

/** An HTTP server that writes down every request it gets and answers each with `answer`. */
async function recordingServer(answer: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => {
  response.writeHead(401, { 'www-authenticate': 'Basic realm="elsewhere"' }).end();
}) {
  const requests: Recorded[] = [];
  const server: Server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    request.resume();
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let radicale: TestRadicale;
let portal: PortalUnderTest;
let hr: Awaited<ReturnType<typeof signInAsAdmin>>;
let elsewhere: Awaited<ReturnType<typeof recordingServer>>;
let workCalendar: string;
let interviewsCalendar: string;
const basic = (password: string) => `Basic ${Buffer.from(`${USER.name}:${password}`).toString('base64')}`;

beforeAll(async () => {
  radicale = await startTestRadicale([USER]);
  const calendarApp = plainCalDav(radicale.url, USER.name, USER.password);
  workCalendar = await calendarApp.makeCalendar('work');
  interviewsCalendar = await calendarApp.makeCalendar('interviews');
  elsewhere = await recordingServer();
  // The run's shared portal: this file connects interviewers of its own to a Radicale of its own and
  // reads back only their connections; no setting of its own (every server here answers at once, so
  // the calendar timeout is never reached).
  portal = await sharedPortal();
  hr = await signInAsAdmin(portal.api);
}, 120_000);

afterAll(async () => {
  await portal?.stop();
  await elsewhere?.close();
  await radicale?.close();
});

const refusal = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => {
      if (!(error instanceof ApiError)) throw error;
      return error;
    },
  );

/** An interviewer whose calendar is connected to the Radicale with the app password stored. */
async function connectedInterviewer(label: string): Promise<string> {
  const { id } = await alwaysAvailableInterviewer(hr, `${label} ${run}`);
  await hr.mutation('hr.calendars.connect', {
    interviewerId: id, serverUrl: radicale.url, username: USER.name, password: USER.password,
    readCalendarUrl: workCalendar, writeCalendarUrl: interviewsCalendar,
  });
  return id;
}

const onOrigin = (url: string, origin: string) => new URL(new URL(url).pathname, origin).href;

describe('a stored calendar password stays with the server it was entered for', () => {
  it('testing a connection on another server without the password is refused, naming the password, and that server gets nothing', async () => {
    const id = await connectedInterviewer('Test elsewhere');
    elsewhere.requests.length = 0;
    const refused = await refusal(hr.mutation('hr.calendars.test', { interviewerId: id, serverUrl: elsewhere.url, username: USER.name }));
    expect(refused).toMatchObject({ httpStatus: 400, code: 'BAD_REQUEST', domainCode: 'BAD_INPUT' });
    expect(refused.message).toMatch(/app password again/);
    expect(refused.message).toContain(new URL(elsewhere.url).origin);
    expect(elsewhere.requests).toEqual([]);
  });

  it('connecting (saving) on another server without the password is refused, that server gets nothing, and the connection stays as it was', async () => {
    const id = await connectedInterviewer('Connect elsewhere');
    elsewhere.requests.length = 0;
    const refused = await refusal(
      hr.mutation('hr.calendars.connect', {
        interviewerId: id, serverUrl: elsewhere.url, username: USER.name,
        readCalendarUrl: onOrigin(workCalendar, elsewhere.url), writeCalendarUrl: onOrigin(interviewsCalendar, elsewhere.url),
      }),
    );
    expect(refused).toMatchObject({ httpStatus: 400, domainCode: 'BAD_INPUT' });
    expect(refused.message).toMatch(/app password again/);
    expect(elsewhere.requests).toEqual([]);
    expect(await hr.query('hr.calendars.status', { interviewerId: id })).toMatchObject({ connected: true, serverUrl: radicale.url });
  });

  it('the same server under another name (localhost for 127.0.0.1) is another origin: the password is asked for again', async () => {
    const id = await connectedInterviewer('Other name');
    const renamed = radicale.url.replace('127.0.0.1', 'localhost');
    const refused = await refusal(hr.mutation('hr.calendars.test', { interviewerId: id, serverUrl: renamed, username: USER.name }));
    expect(refused).toMatchObject({ domainCode: 'BAD_INPUT', message: expect.stringMatching(/app password again/) });
  });

  it('another path on the same origin keeps the stored password, for testing and for connecting', async () => {
    const id = await connectedInterviewer('Same origin');
    const principal = new URL(`${USER.name}/`, radicale.url).href;
    const { calendars } = await hr.mutation<{ calendars: { url: string }[] }>('hr.calendars.test', { interviewerId: id, serverUrl: principal, username: USER.name });
    expect(calendars.map((c) => c.url)).toEqual(expect.arrayContaining([workCalendar, interviewsCalendar]));
    await hr.mutation('hr.calendars.connect', {
      interviewerId: id, serverUrl: principal, username: USER.name, readCalendarUrl: workCalendar, writeCalendarUrl: interviewsCalendar,
    });
    expect(await hr.query('hr.calendars.status', { interviewerId: id })).toMatchObject({ connected: true, serverUrl: principal });
  });

  it('with the password typed again, the new server gets that password and never the stored one', async () => {
    const id = await connectedInterviewer('Typed again');
    elsewhere.requests.length = 0;
    const refused = await refusal(
      hr.mutation('hr.calendars.test', { interviewerId: id, serverUrl: elsewhere.url, username: USER.name, password: 'typed-for-elsewhere' }),
    );
    expect(refused).toMatchObject({ domainCode: 'CALENDAR_REFUSED' });
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    expect(elsewhere.requests.map((r) => r.authorization)).not.toContain(basic(USER.password));
    expect(elsewhere.requests.some((r) => r.authorization === basic('typed-for-elsewhere'))).toBe(true);
  });

  it('a server that sends discovery on to another origin does not get the password taken there', async () => {
    const id = await connectedInterviewer('Redirected');
    elsewhere.requests.length = 0;
    const redirecting = await recordingServer((_, response) => {
      response.writeHead(301, { location: `${elsewhere.url}dav/` }).end();
    });
    try {
      const refused = await refusal(
        hr.mutation('hr.calendars.test', { interviewerId: id, serverUrl: redirecting.url, username: USER.name, password: 'typed-for-redirecting' }),
      );
      expect(refused).toMatchObject({ domainCode: 'CALENDAR_REFUSED', message: expect.stringContaining(new URL(elsewhere.url).origin) });
      expect(redirecting.requests.length).toBeGreaterThan(0);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await redirecting.close();
    }
  });
});
