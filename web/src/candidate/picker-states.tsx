import { t } from '../i18n/page-language';

/** A picker whose times could not be read: said as an alert, with the one way on (read again). */
export function PickerFailed(props: { onRetry: () => void }) {
  return (
    <>
      <div role="alert">
        <p class="notice notice-error">{t('page.picker.failed')}</p>
      </div>
      <button type="button" onClick={() => props.onRetry()}>
        {t('page.problem.retry')}
      </button>
    </>
  );
}

/** A picker still reading its times. */
export function PickerLoading() {
  return (
    <p class="loading" role="status">
      {t('page.loadingTimes')}
    </p>
  );
}
