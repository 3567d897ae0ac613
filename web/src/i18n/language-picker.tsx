import { For, createUniqueId } from 'solid-js';
import { LOCALE_NAMES, SUPPORTED_LOCALES, isLocale, type Locale } from '@portal/shared/i18n/locales';
import { t } from './page-language';

interface LanguagePickerProps {
  locale: Locale;
  pending: boolean;
  onChange: (locale: Locale) => void;
  /** The label in the page's words; the candidate page's own by default. */
  label?: string;
}

/** Each language by its own name, so a reader finds theirs whatever the page is in now. */
export function LanguagePicker(props: LanguagePickerProps) {
  const id = createUniqueId();
  return (
    <div class="language-picker">
      <label for={id}>{props.label ?? t('page.language')}</label>
      <select
        id={id}
        value={props.locale}
        disabled={props.pending}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (isLocale(next)) props.onChange(next);
        }}
      >
        <For each={SUPPORTED_LOCALES}>
          {(locale) => (
            <option value={locale} lang={locale} translate="no">
              {LOCALE_NAMES[locale]}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
