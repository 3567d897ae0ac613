import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { EMAIL_KINDS } from '@portal/shared/email';
import { CATALOGUES } from '@portal/shared/i18n/catalogues';
import { SUPPORTED_LOCALES, type Locale } from '@portal/shared/i18n/locales';
import { sampleFacts } from '@portal/shared/testing/email-facts';
import { composeEmail } from '../email/compose-email';
import { renderEmail } from './render-email';
import { composeSms } from './sms';

const sender = { from: 'Interviews <interviews@example.test>', hrContact: 'hr@example.test' };
const booked = sampleFacts({ reminderOffsetMinutes: 90, cancelReason: 'clash', linkExpiresAt: '2026-03-05T12:00:00.000Z' });

/** The fixed words of a message: the text around its placeholders. */
const fixedWords = (message: string) => message.split(/\{[^}]*\}/).map((part) => part.trim()).filter((part) => part.length > 3);

function icsOf(locale: Locale) {
  const message = composeEmail({ kind: 'confirmation', idempotencyKey: 'k', facts: booked }, sender, new Date('2026-03-01T00:00:00Z'), {
    locale,
    kind: 'technical',
  });
  const content = message.Attachments?.[0]?.Content ?? '';
  const event = new ICAL.Component(ICAL.parse(Buffer.from(content, 'base64').toString('utf8'))).getFirstSubcomponent('vevent');
  return { message, summary: String(event?.getFirstPropertyValue('summary')), description: String(event?.getFirstPropertyValue('description')) };
}

describe('emails in the interview’s language', () => {
  it.each(SUPPORTED_LOCALES)('%s: the confirmation’s subject, text, HTML and calendar entry are in that language', (locale) => {
    const words = CATALOGUES[locale];
    const kind = words['kind.technical'];
    const { message, summary, description } = icsOf(locale);
    expect(message.Subject).toContain(fixedWords(words['email.confirmation.subject'])[0]);
    expect(message.Subject.toLowerCase()).toContain(kind.toLowerCase());
    for (const part of fixedWords(words['email.confirmation.body'])) expect(message.TextBody).toContain(part);
    expect(message.TextBody).toContain(words['email.calendarAttached']);
    expect(message.HtmlBody).toContain(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`);
    expect(summary.toLowerCase()).toBe(`${kind}${locale === 'fr' ? ' : ' : locale === 'ja' ? '：' : ': '}${booked.position}`.toLowerCase());
    expect(description).toContain(words['ics.manage'].replace('{url}', booked.link));
  });

  it('dates follow the locale: weekday and month in its words, its own clock', () => {
    const when = (locale: Locale) => renderEmail('confirmation', booked, { locale, kind: 'technical' }).text;
    expect(when('en')).toContain('Tuesday, 10 March 2026, 14:00–15:00 (Europe/Berlin, GMT+1)');
    expect(when('de')).toContain('Dienstag, 10. März 2026, 14:00–15:00 Uhr (Europe/Berlin, GMT+1)');
    expect(when('fr')).toContain('mardi 10 mars 2026');
    expect(when('es')).toContain('martes, 10 de marzo de 2026, 14:00–15:00');
    expect(when('pt-BR')).toContain('terça-feira, 10 de março de 2026');
    expect(when('ja')).toContain('火曜日');
    // Arabic's own clock is 12-hour: 2:00–3:00 in the afternoon (م).
    expect(when('ar')).toMatch(/الثلاثاء، 10 مارس 2026، 2:00–3:00 م/);
  });

  it('plural lead times read right in each language', () => {
    const subject = (locale: Locale, minutes: number) =>
      renderEmail('reminder', sampleFacts({ reminderOffsetMinutes: minutes }), { locale, kind: 'technical' }).subject;
    expect(subject('de', 60)).toBe('Erinnerung: Ihr Technik-Interview beginnt in 1 Stunde');
    expect(subject('de', 24 * 60)).toBe('Erinnerung: Ihr Technik-Interview beginnt in 24 Stunden');
    expect(subject('es', 15)).toBe('Recordatorio: su entrevista técnica empieza en 15 minutos');
    expect(subject('ar', 120)).toBe('تذكير: تبدأ مقابلة تقنية خلال ساعتان');
    expect(subject('ja', 90)).toBe('リマインダー：技術面接はあと 1 時間 30 分で始まります');
  });

  it.each(SUPPORTED_LOCALES)('%s: every email kind renders with no catalogue key or ICU left in it', (locale) => {
    for (const kind of EMAIL_KINDS) {
      const email = renderEmail(kind, booked, { locale, kind: 'technical' });
      for (const text of [email.subject, email.text]) {
        expect(text, `${locale} ${kind}`).not.toMatch(/\b(page|email|ics|kind)\.[a-zA-Z]+/);
        expect(text, `${locale} ${kind}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('HR’s notices stay English whatever the interview’s language', () => {
    expect(renderEmail('decision_due', booked, { locale: 'ja', kind: 'technical' }).subject).toBe('Decision due: Ada Lovelace (Backend Engineer)');
  });
});

describe('texts in the interview’s language', () => {
  const facts = sampleFacts({ start: '2026-03-03T13:00:00Z', end: '2026-03-03T14:00:00Z', candidateTimezone: 'Europe/Berlin', reminderOffsetMinutes: 3 });
  const text = (locale: Locale, kind: 'confirmation' | 'rescheduled' | 'cancelled' | 'reminder') =>
    composeSms({ kind, idempotencyKey: 'k', facts }, { locale, kind: 'technical' });

  it('the Japanese reminder says the lead once, as the email does: あと 3 分で始まります', () => {
    expect(text('ja', 'reminder')).toContain('技術面接はあと 3 分で始まります');
    expect(text('ja', 'reminder')).not.toContain('でに');
  });

  it('Spanish texts address the candidate as usted, as the emails do', () => {
    const informal = /(?<![\p{L}])(tu|tus|te|ti|responde|únete|unirte)(?![\p{L}])/iu;
    for (const kind of ['confirmation', 'rescheduled', 'cancelled', 'reminder'] as const) {
      expect(text('es', kind), kind).not.toMatch(informal);
    }
    expect(text('es', 'reminder')).toMatch(/^Recordatorio: su entrevista técnica para Backend Engineer empieza en 3 minutos/);
    expect(text('es', 'confirmation')).toMatch(/Responda STOP/);
  });
});
