import { For, Show } from 'solid-js';
import { localised } from '@portal/shared/kind-titles';
import type { Kit } from '@portal/shared/kits';
import { pageLocale, t } from '../i18n/page-language';

/**
 * The interview's scorecard kit as the panel reads it before the interview (issue 50): each
 * question in order, how it is answered, and the guidance HR wrote, in the page's language.
 */
export function KitPreview(props: { kit: Kit }) {
  return (
    <Show when={props.kit.questions.length > 0}>
      <section class="card kit-preview" aria-labelledby="kit-title">
        <h2 id="kit-title">{t('answer.kit.title')}</h2>
        <p class="hint">{t('answer.kit.intro')}</p>
        <ol>
          <For each={props.kit.questions}>
            {(question) => (
              <li>
                <p>
                  <strong>{localised(question.prompt, pageLocale())}</strong>{' '}
                  <span class="row-sub">
                    ({t(`answer.kit.type.${question.type}`, { scale: props.kit.scale })}
                    {question.required ? `, ${t('answer.kit.required')}` : ''})
                  </span>
                </p>
                <Show when={question.guidance}>{(guidance) => <p class="hint">{localised(guidance(), pageLocale())}</p>}</Show>
              </li>
            )}
          </For>
        </ol>
      </section>
    </Show>
  );
}
