import { Show, createSignal } from 'solid-js';
import { t } from '../i18n/page-language';
import { Words } from '../i18n/words';

/** The candidate's link is a long token: offer it as a link and a copy button, not as text to read. */
export function ManageLink(props: { url: string }) {
  const [copied, setCopied] = createSignal(false);
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;

  async function copy() {
    await navigator.clipboard.writeText(props.url);
    setCopied(true);
  }

  return (
    <div class="manage-link">
      <p>
        <Words message="page.manage.text" values={{ link: <a href={props.url}>{t('page.manage.link')}</a> }} />
      </p>
      <Show when={canCopy}>
        <button type="button" class="quiet" onClick={() => void copy()}>
          {t('page.manage.copy')}
        </button>
        <span role="status">{copied() ? ` ${t('page.manage.copied')}` : ''}</span>
      </Show>
    </div>
  );
}
