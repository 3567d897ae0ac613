import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@portal/db';
import { openTestDatabase } from '@portal/db/testing';
import { DomainError } from '@portal/shared/errors';
import { createKind, kindForInvitation, listKinds, readKind, seedKinds, updateKind } from './kinds';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase('booking_kinds');
});

afterAll(async () => {
  await db.close();
});

describe('interview kinds as data', () => {
  it('seeds the three kinds once, with their rules, their titles in every language and HR’s earlier settings of them', async () => {
    const saved = new Date('2026-03-01T10:00:00Z');
    await db.kindSettings.create({ _id: 'panel', minNoticeMinutes: 120, horizonDays: 10, changeCutoffMinutes: 30, meetingProvider: 'daily', reminders: null, updatedAt: saved, updatedBy: 'hr@example.test' });
    await Promise.all([seedKinds(db), seedKinds(db)]);
    await seedKinds(db);
    const kinds = await db.interviewKinds.find({}).lean();
    expect(kinds.map((k) => k._id).sort()).toEqual(['panel', 'screening', 'technical']);
    const panel = kinds.find((k) => k._id === 'panel');
    expect(panel).toMatchObject({ durationMinutes: 90, panelSize: 2, rescheduleLimit: 2, minNoticeMinutes: 120, horizonDays: 10, meetingProvider: 'daily', updatedBy: 'hr@example.test', archived: false });
    expect(panel?.titles).toMatchObject({ en: 'Panel interview' });
    expect(panel?.titles.de).toBeTruthy();
    expect(panel?.titles.de).not.toBe('Panel interview');
    expect(kinds.find((k) => k._id === 'screening')).toMatchObject({ durationMinutes: 30, minNoticeMinutes: null, meetingProvider: null, kit: { questions: [] } });
  });

  it('a new kind takes the defaults for what it leaves out; a used id is refused and changes nothing', async () => {
    const made = await createKind(db, { id: 'bar-raiser', titles: { en: 'Bar raiser' } }, 'hr@example.test');
    expect(made).toMatchObject({ durationMinutes: 60, panelSize: 1, rescheduleLimit: 3, minNoticeMinutes: null, kit: { questions: [] }, archived: false });
    await expect(createKind(db, { id: 'bar-raiser', titles: { en: 'Another' } }, 'hr@example.test')).rejects.toMatchObject({ code: 'ALREADY_EXISTS', details: { field: 'id' } });
    expect((await readKind(db, 'bar-raiser'))?.titles.en).toBe('Bar raiser');
  });

  it('an archived kind takes no invitation, naming kind; it is listed last and kept', async () => {
    await createKind(db, { id: 'culture-add', titles: { en: 'Culture add' }, durationMinutes: 45 }, 'hr@example.test');
    expect((await kindForInvitation(db, 'culture-add')).durationMinutes).toBe(45);
    await updateKind(db, { id: 'culture-add', archived: true }, 'hr@example.test');
    const refusal = await kindForInvitation(db, 'culture-add').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'BAD_INPUT', details: { field: 'kind' } });
    expect((await kindForInvitation(db, 'nonexistent').catch((error: unknown) => error)) as DomainError).toMatchObject({ code: 'BAD_INPUT', details: { field: 'kind' } });
    expect((await listKinds(db)).at(-1)?._id).toBe('culture-add');
  });

  it('an update changes the fields given, null puts a setting back to the default, and an unknown kind is not found', async () => {
    await updateKind(db, { id: 'bar-raiser', minNoticeMinutes: 60, horizonDays: 7, changeCutoffMinutes: 0 }, 'hr@example.test');
    const reset = await updateKind(db, { id: 'bar-raiser', minNoticeMinutes: null }, 'hr@example.test');
    expect(reset).toMatchObject({ minNoticeMinutes: null, horizonDays: 7, titles: { en: 'Bar raiser' } });
    await expect(updateKind(db, { id: 'no-such-kind', archived: true }, 'hr@example.test')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
