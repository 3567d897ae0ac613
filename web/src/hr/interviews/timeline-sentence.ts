import type { InterviewDetail } from '../../trpc';
import { OUTCOME_LABELS, humanize } from '../labels';
import { formatWhen, localizeInstants } from '../hr-time';

type TimelineEvent = InterviewDetail['events'][number];

export interface TimelineLine {
  /** One plain sentence: what happened, to when, by whom. */
  text: string;
  /** What the person gave as a reason, or a note the sentence does not cover. */
  note: string | null;
}

/** Who did it, as a sentence says it. HR users are named by their email. */
export function actorPhrase(actor: string): string {
  if (actor === 'candidate') return 'the candidate';
  if (actor === 'system') return 'the portal';
  return actor;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const isOutcome = (value: string): value is keyof typeof OUTCOME_LABELS => value in OUTCOME_LABELS;

/**
 * The audit trail stores each change's event type, its actor and a short note written by the
 * lifecycle ("booked <instant>", "moved from <instant> to <instant>: <reason>", "cancelled: <reason>").
 * HR reads them as sentences in their own zone; a note this does not recognise is still shown,
 * with its instants made local, so nothing recorded is hidden.
 */
export function describeEvent(event: TimelineEvent, zone: string, locale?: string): TimelineLine {
  const who = actorPhrase(event.actor);
  const when = (iso: string) => formatWhen(iso, zone, locale);
  const byHr = event.actor !== 'system' && event.actor !== 'candidate';
  const line = (text: string, note: string | null = null): TimelineLine => ({ text, note });

  switch (event.type) {
    case 'INVITE': {
      const retake = /attempt (\d+)/.exec(event.detail);
      if (event.detail.startsWith('retake') && retake) return line(`Invited to a retake (attempt ${retake[1]}) by ${who}`);
      return line(`${sentence(event.detail || 'invited')} by ${who}`);
    }
    case 'BOOK': {
      // "; SMS reminders skipped …" follows when the schedule has texts the candidate did not opt in to (docs/adr/0027).
      const booked = /^booked (\S+?)(?:; ([\s\S]*))?$/.exec(event.detail);
      return booked?.[1] ? line(`Booked for ${when(booked[1])} by ${who}`, booked[2] ?? null) : line(`Booked by ${who}`, localizeInstants(event.detail, zone, locale));
    }
    case 'RESCHEDULE': {
      const moved = /^moved from (\S+) to (\S+?)(?:: ([\s\S]*?))?(?:; (SMS reminders skipped[\s\S]*))?$/.exec(event.detail);
      if (!moved?.[1] || !moved[2]) return line(`Moved by ${who}`, localizeInstants(event.detail, zone, locale));
      const note = [moved[3] ? `Reason: ${moved[3]}` : '', moved[4] ?? ''].filter(Boolean).join('. ');
      return line(`Moved from ${when(moved[1])} to ${when(moved[2])} by ${who}`, note || null);
    }
    case 'CANCEL': {
      const reason = /^cancelled: ([\s\S]+)$/.exec(event.detail)?.[1];
      return line(`Cancelled by ${who}`, reason ? `Reason: ${reason}` : null);
    }
    case 'EXPIRE':
      return line('The invitation expired before the candidate booked');
    case 'WINDOW_OPENS':
      return line(byHr ? `Recorded as started by ${who}` : 'The interview started');
    case 'WINDOW_CLOSES_JOINED':
      return line(byHr ? `Marked as attended by ${who}` : 'The interview ended; the candidate attended');
    case 'WINDOW_CLOSES_ABSENT':
      return line(byHr ? `Marked as a no-show by ${who}` : 'The interview ended without the candidate: no-show');
    case 'ARCHIVE_FOR_RETAKE':
      return line(`Retake approved by ${who}; this attempt is archived`);
    case 'RECORD':
      return describeRecord(event, who, zone, locale);
    default:
      return line(`${humanize(event.type)} by ${who}`, event.detail ? localizeInstants(event.detail, zone, locale) : null);
  }
}

/** RECORD events change no status: reminders sent, the candidate joining, an outcome, a resent invitation. */
function describeRecord(event: TimelineEvent, who: string, zone: string, locale?: string): TimelineLine {
  const outcome = /^outcome set to (\w+)$/.exec(event.detail)?.[1];
  if (outcome !== undefined && isOutcome(outcome)) {
    return { text: `Outcome set to ${OUTCOME_LABELS[outcome].toLowerCase()} by ${who}`, note: null };
  }
  if (event.detail === 'candidate joined') return { text: 'The candidate joined', note: null };
  if (event.detail.startsWith('invitation sent again')) return { text: `Invitation sent again by ${who}`, note: null };
  const text = sentence(localizeInstants(event.detail || humanize(event.type), zone, locale));
  return { text: event.actor === 'system' ? text : `${text} (${who})`, note: null };
}
