import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../api/trpc';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen } from '../hr-time';
import { humanize } from '../labels';
import { ht } from '../hr-language';
import { HrWords, ZoneNote } from '../hr-words';
import { Data } from '../../i18n/words';

type Email = InterviewDetail['emails'][number];

/** Postmark reports hard bounces with a status or an error code; either one flags the address. */
const bounced = (email: Email) => /bounce/i.test(email.status) || (email.errorCode !== null && email.errorCode !== 0);

export function EmailLog(props: { emails: InterviewDetail['emails'] }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="emails-title">
      <h2 id="emails-title">{ht('hr.emails.title')}</h2>
      <Show when={props.emails.length > 0} fallback={<p class="empty">{ht('hr.emails.none')}</p>}>
        <p class="zone-note"><ZoneNote zone={zone} /></p>
        <ul class="rows">
          <For each={props.emails}>
            {(email) => (
              <li class="row">
                <span class="row-title">
                  <Data>{humanize(email.kind)}</Data>
                </span>
                <span class="row-sub">
                  <HrWords message="hr.emails.to" values={{ address: <Data>{email.to}</Data> }} />
                </span>
                <span class="badges">
                  <span class="badge" classList={{ warn: bounced(email) }}>
                    <Data>{humanize(email.status)}</Data>
                    {email.errorCode !== null && email.errorCode !== 0 ? ht('hr.emails.error', { code: email.errorCode }) : ''}
                  </span>
                  <Show when={bounced(email) && !/bounce/i.test(email.status)}>
                    <span class="badge warn">{ht('hr.emails.bounced')}</span>
                  </Show>
                </span>
                <span class="row-sub">{email.sentAt === null ? ht('hr.emails.notSent') : ht('hr.emails.sent', { when: formatWhen(email.sentAt, zone) })}</span>
                <Show when={email.messageId}>
                  {(id) => (
                    // Only support needs the Postmark id (to trace a delivery); it stays folded away.
                    <details class="message-id">
                      <summary>{ht('hr.emails.messageId')}</summary>
                      <code translate="no">{id()}</code>
                    </details>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
