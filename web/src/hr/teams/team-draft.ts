import type { TeamCreateInput, TeamView } from '@portal/shared/team-inputs';

/** A team as its form holds it: every field as typed, empty for none. */
export interface TeamDraft {
  id: string;
  name: string;
  logoUrl: string;
  colour: string;
}

export function teamDraftOf(team?: TeamView): TeamDraft {
  return { id: team?.id ?? '', name: team?.name ?? '', logoUrl: team?.branding?.logoUrl ?? '', colour: team?.branding?.colour ?? '' };
}

/**
 * The draft as the API takes it (the shared schema checks it next): trimmed, the branding's empty
 * fields left out, and no branding at all when both are (saving a team without it clears it).
 */
export function teamInputFrom(draft: TeamDraft): TeamCreateInput {
  const logoUrl = draft.logoUrl.trim();
  const colour = draft.colour.trim();
  const branding = { ...(logoUrl === '' ? {} : { logoUrl }), ...(colour === '' ? {} : { colour }) };
  return { id: draft.id.trim(), name: draft.name.trim(), ...(Object.keys(branding).length === 0 ? {} : { branding }) };
}
