import type { HrMessageKey } from '@portal/shared/i18n/hr-messages';
import type { MessageValues } from '@portal/shared/i18n/translator';
import { OUTCOMES, type Outcome } from '@portal/shared/status';
import type { InterviewDetail } from '../../api/trpc';
import { ht } from '../hr-language';
import { humanize, outcomeLabel } from '../labels';
import { formatWhen, localizeInstants } from '../hr-time';

type TimelineEvent = InterviewDetail['events'][number];
export type Say = (key: HrMessageKey, values?: MessageValues) => string;

export interface TimelineLine {
  /** One plain sentence: what happened, to when, by whom. */
  text: string;
  /** What the person gave as a reason, or a note the sentence does not cover. */
  note: string | null;
  /** The parts of `text` and `note` that are someone's data (an address, a position, a stored note), not the console's words. */
  data: string[];
}

/** Who did it, as a sentence says it, and whether that is data (an HR user, named by their email). */
export function actorPhrase(actor: string, say: Say = ht): { who: string; isData: boolean } {
  if (actor === 'candidate') return { who: say('hr.timeline.candidate'), isData: false };
  if (actor === 'system') return { who: say('hr.timeline.portal'), isData: false };
  return { who: actor, isData: true };
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

/**
 * The audit trail stores each change's event type, its actor and a short note written by the
 * lifecycle ("booked <instant>", "moved from <instant> to <instant>: <reason>", "cancelled: <reason>").
 * HR reads them as sentences in their own zone and language; a note this does not recognise is
 * still shown as recorded, with its instants made local, so nothing recorded is hidden.
 */
export function describeEvent(event: TimelineEvent, zone: string, locale?: string, say: Say = ht): TimelineLine {
  const { who, isData } = actorPhrase(event.actor, say);
  const when = (iso: string) => formatWhen(iso, zone, locale);
  const byHr = event.actor !== 'system' && event.actor !== 'candidate';
  const line = (text: string, note: string | null = null, data: string[] = []): TimelineLine => ({ text, note, data: isData ? [who, ...data] : data });
  const recorded = (detail: string) => localizeInstants(detail, zone, locale);

  switch (event.type) {
    case 'INVITE': {
      const retake = /attempt (\d+)/.exec(event.detail);
      if (event.detail.startsWith('retake') && retake) return line(say('hr.timeline.invitedRetake', { attempt: Number(retake[1]), who }));
      const position = /^invited for ([\s\S]+)$/.exec(event.detail)?.[1];
      if (position !== undefined) return line(say('hr.timeline.invitedFor', { position, who }), null, [position]);
      if (event.detail === '' || event.detail === 'invited') return line(say('hr.timeline.invited', { who }));
      return line(say('hr.timeline.other', { what: sentence(event.detail), who }), null, [sentence(event.detail)]);
    }
    case 'BOOK': {
      // "; SMS reminders skipped …" follows when the schedule has texts the candidate did not opt in to (docs/adr/0027).
      const booked = /^booked (\S+?)(?:; ([\s\S]*))?$/.exec(event.detail);
      if (!booked?.[1]) return line(say('hr.timeline.booked', { who }), recorded(event.detail), [recorded(event.detail)]);
      return booked[2] ? line(say('hr.timeline.bookedFor', { when: when(booked[1]), who }), booked[2], [booked[2]]) : line(say('hr.timeline.bookedFor', { when: when(booked[1]), who }));
    }
    case 'RESCHEDULE': {
      const moved = /^moved from (\S+) to (\S+?)(?:: ([\s\S]*?))?(?:; (SMS reminders skipped[\s\S]*))?$/.exec(event.detail);
      if (!moved?.[1] || !moved[2]) return line(say('hr.timeline.moved', { who }), recorded(event.detail), [recorded(event.detail)]);
      const text = say('hr.timeline.movedFromTo', { from: when(moved[1]), to: when(moved[2]), who });
      const notes = [moved[3] ? say('hr.timeline.reason', { reason: moved[3] }) : '', moved[4] ?? ''].filter(Boolean);
      return notes.length > 0 ? line(text, notes.join('. '), [moved[3], moved[4]].filter((part): part is string => part !== undefined)) : line(text);
    }
    case 'CANCEL': {
      const reason = /^cancelled: ([\s\S]+)$/.exec(event.detail)?.[1];
      return reason ? line(say('hr.timeline.cancelled', { who }), say('hr.timeline.reason', { reason }), [reason]) : line(say('hr.timeline.cancelled', { who }));
    }
    case 'EXPIRE':
      return line(say('hr.timeline.expired'));
    case 'WINDOW_OPENS':
      return line(byHr ? say('hr.timeline.startedBy', { who }) : say('hr.timeline.started'));
    case 'WINDOW_CLOSES_JOINED':
      return line(byHr ? say('hr.timeline.attendedBy', { who }) : say('hr.timeline.attended'));
    case 'WINDOW_CLOSES_ABSENT':
      return line(byHr ? say('hr.timeline.noShowBy', { who }) : say('hr.timeline.noShow'));
    case 'ARCHIVE_FOR_RETAKE':
      return line(say('hr.timeline.archived', { who }));
    case 'RECORD':
      return describeRecord(event, who, line, recorded, say);
    default: {
      const note = event.detail ? recorded(event.detail) : null;
      return line(say('hr.timeline.other', { what: humanize(event.type), who }), note, [humanize(event.type), ...(note ? [note] : [])]);
    }
  }
}

/** RECORD events change no status: reminders sent, the candidate joining, an outcome, a resent invitation. */
function describeRecord(
  event: TimelineEvent,
  who: string,
  line: (text: string, note?: string | null, data?: string[]) => TimelineLine,
  recorded: (detail: string) => string,
  say: Say,
): TimelineLine {
  const outcome = /^outcome set to (\w+)$/.exec(event.detail)?.[1];
  if (outcome !== undefined && isOutcome(outcome)) return line(say('hr.timeline.outcome', { outcome: outcomeLabel(outcome, true, say), who }));
  if (event.detail === 'candidate joined') return line(say('hr.timeline.joined'));
  if (event.detail.startsWith('invitation sent again')) return line(say('hr.timeline.resent', { who }));
  // A note the lifecycle wrote in its own words ("24h reminder sent"): shown as recorded.
  const what = sentence(recorded(event.detail || humanize(event.type)));
  return line(event.actor === 'system' ? what : say('hr.timeline.record', { what, who }), null, [what]);
}
