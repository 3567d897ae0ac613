/**
 * Twilio's default opt-out and opt-in keywords (Advanced Opt-Out): a reply that is exactly one of
 * them, whatever its case and surrounding spaces, changes whether the number gets texts.
 */
export const OPT_OUT_WORDS = ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT'] as const;
export const OPT_IN_WORDS = ['START', 'YES', 'UNSTOP'] as const;

export type ReplyMeaning = 'opt-out' | 'opt-in' | 'other';

export function replyMeaning(body: string): ReplyMeaning {
  const word = body.trim().replace(/\s+/g, ' ').replace(/[.!]+$/, '').toUpperCase();
  if ((OPT_OUT_WORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_WORDS as readonly string[]).includes(word)) return 'opt-in';
  return 'other';
}
