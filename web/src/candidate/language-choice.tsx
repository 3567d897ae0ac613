import type { Locale } from '@portal/shared/i18n/locales';
import { trpc, type CandidateView } from '../api/trpc';
import { createMutation } from '../ui/create-mutation';
import { LiveMessage } from '../ui/live-message';
import { LanguagePicker } from '../i18n/language-picker';
import { problemText } from '../api/problem-text';

interface LanguageChoiceProps {
  view: CandidateView;
  token: string;
  onChange: (view: CandidateView) => void;
}

/** The candidate's language, stored with the interview: this page and every later email use it. */
export function LanguageChoice(props: LanguageChoiceProps) {
  const save = createMutation((locale: Locale) => trpc.candidate.setLocale.mutate({ token: props.token, locale }));
  async function choose(locale: Locale) {
    const next = await save.run(locale);
    if (next !== undefined) props.onChange(next);
  }
  return (
    <>
      <LanguagePicker locale={props.view.locale} pending={save.pending()} onChange={(locale) => void choose(locale)} />
      <LiveMessage tone="error" when={save.problem()}>
        {problemText(save.problem())}
      </LiveMessage>
    </>
  );
}
