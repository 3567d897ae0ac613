import { Show } from 'solid-js';
import type { CandidateView } from '../api/trpc';
import { Data } from '../i18n/words';

/**
 * The hiring team the interview is with, atop the candidate's page (docs/adr/0076): its logo when
 * it has one, its name, and its colour as the header's stripe. The colour only decorates: the
 * words stay the page's ink on white, so any colour the team picks keeps them readable.
 */
export function TeamBanner(props: { team: NonNullable<CandidateView['team']> }) {
  const logo = () => props.team.branding?.logoUrl;
  return (
    <header class="team-banner" style={{ '--team-colour': props.team.branding?.colour }}>
      <Show when={logo()}>{(url) => <img class="team-banner-logo" src={url()} alt={props.team.name} />}</Show>
      {/* With a logo, its alt text names the team; the words beside it are not read twice. */}
      <span class="team-banner-name" aria-hidden={logo() === undefined ? undefined : 'true'}>
        <Data>{props.team.name}</Data>
      </span>
    </header>
  );
}
