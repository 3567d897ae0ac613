import { Match, Show, Switch } from 'solid-js';
import type { CandidateView } from '../api/trpc';
import { kindName, t } from '../i18n/page-language';
import { Data, Words } from '../i18n/words';

/** The tab's title for a closed interview, matching its heading. */
export function closedTitle(view: CandidateView): string {
  if (view.status === 'CANCELLED') return t('page.title.cancelled');
  if (view.status === 'EXPIRED') return t('page.title.expired');
  if (view.status === 'COMPLETED' || view.status === 'NO_SHOW') return t('page.title.ended');
  return t('page.title.replaced');
}

/** Every status in which there is nothing left to do on this link. */
export function ClosedInterview(props: { view: CandidateView }) {
  const contact = () => (
    <a href={`mailto:${props.view.hrEmail}`} translate="no">
      <bdi>{props.view.hrEmail}</bdi>
    </a>
  );
  return (
    <section class="card end-page" aria-labelledby="closed-title">
      <Switch
        fallback={
          <>
            <h1 id="closed-title">{t('page.closed.replaced')}</h1>
            <p>{t('page.closed.replacedText')}</p>
          </>
        }
      >
        <Match when={props.view.status === 'CANCELLED'}>
          <h1 id="closed-title" tabIndex={-1}>
            {t('page.closed.cancelled')}
          </h1>
          <p>
            <Words
              message="page.closed.cancelledText"
              values={{ position: <Data>{props.view.position}</Data>, kind: kindName(props.view.kind, props.view.kindLabel, props.view.kindTitles) }}
            />
          </p>
          <Show when={props.view.cancelReason}>
            {(reason) => (
              <p class="quote">
                <Words message="page.closed.reason" values={{ reason: <Data>{reason()}</Data> }} />
              </p>
            )}
          </Show>
          <p>
            <Words message="page.closed.anotherTime" values={{ email: contact() }} />
          </p>
        </Match>
        <Match when={props.view.status === 'EXPIRED'}>
          <h1 id="closed-title">{t('page.closed.expired')}</h1>
          <p>
            <Words message="page.closed.expiredText" values={{ email: contact() }} />
          </p>
        </Match>
        <Match when={props.view.status === 'COMPLETED' || props.view.status === 'NO_SHOW'}>
          <h1 id="closed-title">
            <Words message="page.closed.thanks" values={{ name: <Data>{props.view.candidateName}</Data> }} />
          </h1>
          <Show
            when={props.view.status === 'COMPLETED'}
            fallback={
              <p>
                <Words message="page.closed.noShow" values={{ email: contact() }} />
              </p>
            }
          >
            <p>{t('page.closed.completed')}</p>
          </Show>
          <p>
            <Words message="page.closed.questions" values={{ email: contact() }} />
          </p>
        </Match>
      </Switch>
    </section>
  );
}
