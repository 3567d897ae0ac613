import { randomUUID } from 'node:crypto';
import { log } from '@temporalio/activity';
import { pushChannelToken } from '@portal/calendar/credentials';
import type { CalendarProvider } from '@portal/calendar/provider';
import type { Database } from '@portal/db';
import type { CalendarChannelDocument, CalendarConnectionDocument } from '@portal/db/calendar-documents';
import { connectionVersion, problemRecord, providerFor, type CalendarDeps, type OrganisationAccess } from '../../calendars/activities/calendar-access';

/**
 * Whether a channel still serves: opened under the connection as it is now, and not within
 * `renewBeforeMs` of its end (renewed while the old one still delivers, so no change falls between).
 */
export function channelServes(channel: Pick<CalendarChannelDocument, 'connectionUpdatedAt' | 'expiresAt'>, version: Date, now: Date, renewBeforeMs: number): boolean {
  return channel.connectionUpdatedAt.getTime() === version.getTime() && (channel.expiresAt === null || channel.expiresAt.getTime() - now.getTime() > renewBeforeMs);
}

/**
 * The push channels the sync keeps open (docs/adr/0058): one per interviewer whose provider sends
 * change notifications, to booking's receiver, with a token derived from CALENDAR_SECRET_KEY. A
 * new one opens when there is none that serves (none yet, near its end, or the connection
 * changed); then the older ones are closed. A channel that cannot be opened leaves that calendar
 * on polling alone, logged; it is tried again at the next sync. The sync is the only writer.
 */
export function createPushChannels(deps: { db: Database; calendar: CalendarDeps }) {
  const { db, calendar } = deps;

  async function close(channel: CalendarChannelDocument, provider: CalendarProvider | null): Promise<void> {
    try {
      await provider?.push?.close({ channelId: channel._id, resourceId: channel.resourceId });
    } catch (error) {
      // Closed or not, it ends by itself at its expiry; its messages meanwhile name an unknown channel.
      log.info('push channel not closed at the provider', { interviewerId: channel.interviewerId, channelId: channel._id, ...problemRecord(error) });
    }
    await db.calendarChannels.deleteOne({ _id: channel._id });
  }

  /** Keeps one serving channel for a calendar just read; `open` is every channel of this interviewer. */
  async function keep(connection: CalendarConnectionDocument, provider: CalendarProvider, open: CalendarChannelDocument[], access: OrganisationAccess, now: Date): Promise<void> {
    if (connection.provider !== 'google' && connection.provider !== 'microsoft') return;
    const push = connection.provider === 'google' ? calendar.push : calendar.microsoftPush;
    if (provider.push === undefined || push === undefined) return;
    const version = connectionVersion(connection, access);
    const renewBeforeMs = push.renewBeforeSeconds * 1000;
    const serving = open.find((c) => c.provider === provider.name && channelServes(c, version, now, renewBeforeMs));
    if (serving === undefined) {
      const channelId = `${provider.name}-${randomUUID()}`;
      try {
        const opened = await provider.push.open({ channelId, address: push.address, token: pushChannelToken(calendar.key, channelId), ttlSeconds: push.ttlSeconds });
        await db.calendarChannels.create({
          _id: channelId, interviewerId: connection._id, provider: provider.name, calendarId: connection.calendarId,
          resourceId: opened.resourceId, expiresAt: opened.expiresAt, connectionUpdatedAt: version, openedAt: now,
        });
      } catch (error) {
        log.warn('push channel not opened: this calendar is polled only', { interviewerId: connection._id, ...problemRecord(error) });
        return;
      }
    }
    for (const channel of open) if (channel !== serving) await close(channel, provider);
  }

  /** Channels of interviewers whose connection no longer takes pushes (disconnected, another provider): closed as their calendar's owner. */
  async function closeOrphans(channels: CalendarChannelDocument[], connections: Map<string, CalendarConnectionDocument>, access: OrganisationAccess): Promise<void> {
    for (const channel of channels) {
      const connection = connections.get(channel.interviewerId);
      if (connection?.provider === channel.provider) continue;
      if (channel.provider === 'caldav') continue;
      const owner = { _id: channel.interviewerId, provider: channel.provider, grant: 'organisation' as const, calendarId: channel.calendarId, connectedBy: '', updatedAt: new Date(0) };
      let provider: CalendarProvider | null = null;
      try {
        provider = providerFor(owner, { email: channel.calendarId }, access, calendar);
      } catch {
        // No organisation connection any more: nothing to close it with.
      }
      await close(channel, provider);
    }
  }

  return { keep, closeOrphans };
}
