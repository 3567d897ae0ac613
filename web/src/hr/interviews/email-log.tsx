import { For, Show } from 'solid-js';
import type { InterviewDetail } from '../../trpc';
import { detectTimeZone } from '../../time/time-zones';
import { formatWhen, zoneNote } from '../hr-time';
import { humanize } from '../labels';

type Email = InterviewDetail['emails'][number];

/** Postmark reports hard bounces with a status or an error code; either one flags the address. */
const bounced = (email: Email) => /bounce/i.test(email.status) || (email.errorCode !== null && email.errorCode !== 0);

export function EmailLog(props: { emails: InterviewDetail['emails'] }) {
  const zone = detectTimeZone();
  return (
    <section class="card" aria-labelledby="emails-title">
      <h2 id="emails-title">Emails</h2>
      <Show when={props.emails.length > 0} fallback={<p class="empty">No emails sent yet.</p>}>
        <p class="zone-note">{zoneNote(zone)}</p>
        <ul class="rows">
          <For each={props.emails}>
            {(email) => (
              <li class="row">
                <span class="row-title">{humanize(email.kind)}</span>
                <span class="row-sub">to {email.to}</span>
                <span class="badges">
                  <span class="badge" classList={{ warn: bounced(email) }}>
                    {humanize(email.status)}
                    {email.errorCode !== null && email.errorCode !== 0 ? ` (error ${email.errorCode})` : ''}
                  </span>
                  <Show when={bounced(email) && !/bounce/i.test(email.status)}>
                    <span class="badge warn">Bounced</span>
                  </Show>
                </span>
                <span class="row-sub">{email.sentAt === null ? 'Not sent yet' : `Sent ${formatWhen(email.sentAt, zone)}`}</span>
                <Show when={email.messageId}>
                  {(id) => (
                    // Only support needs the Postmark id (to trace a delivery); it stays folded away.
                    <details class="message-id">
                      <summary>Message id</summary>
                      <code>{id()}</code>
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
