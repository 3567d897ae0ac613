import type { InterviewDocument } from '@portal/db/documents';
import type { NoticeRules } from '@portal/shared/notice';
import type { BookingEnv } from '../core/env';

/** The portal's notice rules where HR has set none for a kind: the environment's. */
export function defaultNotice(env: BookingEnv): NoticeRules {
  return {
    minNoticeMinutes: env.MIN_NOTICE_MINUTES,
    horizonDays: env.HORIZON_DAYS,
    changeCutoffMinutes: env.CHANGE_CUTOFF_MINUTES,
  };
}

/** The rules an existing interview runs under: those fixed at its invitation, or the defaults for one invited before. */
export function noticeOf(interview: Pick<InterviewDocument, 'notice'>, env: BookingEnv): NoticeRules {
  return interview.notice ?? defaultNotice(env);
}
