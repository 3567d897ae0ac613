import { randomUUID } from 'node:crypto';
import type { Database } from '@portal/db';
import { activeInterviewers } from '@portal/db/interviewers';
import { DomainError } from '@portal/shared/errors';
import { kindLabelOf } from '@portal/shared/interview-kinds';
import { kindForInvitation, refusedForSession } from '../kinds/kinds';
import type { LoopTemplateInput } from '@portal/shared/loop-inputs';

/** HR's loop templates, by position then name. */
export async function listLoopTemplates(db: Database) {
  const templates = await db.loopTemplates.find({}).lean();
  return templates.sort((a, b) => a.position.localeCompare(b.position) || a.name.localeCompare(b.name)).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
}

/** Creates or replaces a template; its pools must be active interviewers, each large enough for its panel. */
export async function saveLoopTemplate(db: Database, input: LoopTemplateInput, actor: string): Promise<{ id: string }> {
  const [pools, kinds] = await Promise.all([
    Promise.all(input.sessions.map((s) => activeInterviewers(db, s.interviewerIds))),
    Promise.all(input.sessions.map((s, i) => kindForInvitation(db, s.kind).catch((error: unknown) => refusedForSession(i, error)))),
  ]);
  for (const [i, s] of input.sessions.entries()) {
    const known = pools[i]?.length ?? 0;
    const panel = s.panelSize ?? kinds[i]?.panelSize ?? 1;
    if (known !== new Set(s.interviewerIds).size || panel > known) {
      throw new DomainError('BAD_INPUT', `Session ${i + 1}: pick at least ${panel} active interviewers.`, { field: `sessions.${i}.interviewerIds` });
    }
  }
  const id = input.id ?? randomUUID();
  const doc = {
    _id: id,
    name: input.name,
    position: input.position,
    sessions: input.sessions.map((s, i) => ({
      title: s.title ?? `${kindLabelOf({ kind: s.kind, kindTitles: kinds[i]?.titles })} ${i + 1}`,
      kind: s.kind,
      durationMinutes: s.durationMinutes ?? null,
      interviewerIds: [...new Set(s.interviewerIds)],
      panelSize: s.panelSize ?? null,
    })),
    rules: input.rules,
    updatedAt: new Date(),
    updatedBy: actor,
  };
  await db.loopTemplates.replaceOne({ _id: id }, doc, { upsert: true });
  return { id };
}

export async function removeLoopTemplate(db: Database, id: string): Promise<{ removed: boolean }> {
  const { deletedCount } = await db.loopTemplates.deleteOne({ _id: id });
  if (deletedCount === 0) throw new DomainError('NOT_FOUND', 'Loop template not found.');
  return { removed: true };
}
