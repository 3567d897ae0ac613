import type { InterviewKind } from '@portal/shared/kind-titles';
import { DEFAULT_LOOP_RULES } from '@portal/shared/loop-inputs';
import type { LoopRules } from '@portal/shared/loops';
import type { LoopTemplate, LoopTemplateDraft } from '../../api/trpc';

/** A session as the form holds it: the optional numbers as typed, empty meaning the kind's own. */
export interface SessionDraft {
  title: string;
  kind: InterviewKind;
  duration: string;
  panelSize: string;
  interviewerIds: string[];
}

export interface TemplateDraft {
  id: string | undefined;
  name: string;
  position: string;
  sessions: SessionDraft[];
  rules: LoopRules;
}

export const blankSession = (): SessionDraft => ({ title: '', kind: 'technical', duration: '', panelSize: '', interviewerIds: [] });

export const blankTemplate = (): TemplateDraft => ({
  id: undefined,
  name: '',
  position: '',
  sessions: [blankSession(), blankSession()],
  rules: { ...DEFAULT_LOOP_RULES },
});

export function draftOf(template: LoopTemplate): TemplateDraft {
  return {
    id: template.id,
    name: template.name,
    position: template.position,
    sessions: template.sessions.map((s) => ({
      title: s.title,
      kind: s.kind,
      duration: s.durationMinutes === null ? '' : String(s.durationMinutes),
      panelSize: s.panelSize === null ? '' : String(s.panelSize),
      interviewerIds: [...s.interviewerIds],
    })),
    rules: { ...template.rules },
  };
}

const optionalNumber = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** What the form sends: empty numbers left out (the kind's length and panel), a blank title left to the server's default. */
export function inputOf(draft: TemplateDraft): LoopTemplateDraft {
  return {
    ...(draft.id === undefined ? {} : { id: draft.id }),
    name: draft.name.trim(),
    position: draft.position.trim(),
    sessions: draft.sessions.map((s) => {
      const duration = optionalNumber(s.duration);
      const panelSize = optionalNumber(s.panelSize);
      return {
        ...(s.title.trim() === '' ? {} : { title: s.title.trim() }),
        kind: s.kind,
        interviewerIds: s.interviewerIds,
        ...(duration === undefined ? {} : { durationMinutes: duration }),
        ...(panelSize === undefined ? {} : { panelSize }),
      };
    }),
    rules: draft.rules,
  };
}

/** Sessions whose pool cannot seat their panel, by field path (the server refuses them too, in one sentence). */
export function poolProblems(draft: TemplateDraft, kindPanel: (kind: string) => number): { path: string; size: number }[] {
  return draft.sessions.flatMap((s, i) => {
    const panel = optionalNumber(s.panelSize) ?? kindPanel(s.kind);
    return s.interviewerIds.length > 0 && s.interviewerIds.length < panel ? [{ path: `sessions.${i}.interviewerIds`, size: panel }] : [];
  });
}
