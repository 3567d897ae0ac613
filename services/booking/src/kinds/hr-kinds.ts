import { z } from 'zod';
import { kindId } from '@portal/shared/interview-kinds';
import { kindCreateInput, kindSettingsInput, kindUpdateInput } from '@portal/shared/schemas';
import { DomainError } from '@portal/shared/errors';
import { listKindSettings, saveKindSettings } from './kind-notice';
import { createKind, listKinds, readKind, updateKind } from './kinds';
import { kindView } from './kind-view';
import { adminProcedure, router, memberProcedure } from '../http/trpc';

export const hrKindsRouter = router({
  /** The kinds that take invitations, with their settings (the invite form and the Kinds page's settings forms). */
  list: memberProcedure.query(({ ctx }) => listKindSettings(ctx.deps.db, ctx.deps.env)),

  /** Every kind, the archived last, as the API shows it: titles, rules, settings and kit (issue 50). */
  all: memberProcedure.query(async ({ ctx }) => (await listKinds(ctx.deps.db)).map(kindView)),

  get: memberProcedure.input(z.object({ id: kindId })).query(async ({ ctx, input }) => {
    const kind = await readKind(ctx.deps.db, input.id);
    if (!kind) throw new DomainError('NOT_FOUND', `There is no interview kind "${input.id}".`);
    return kindView(kind);
  }),

  /** Admins only: a new kind, each setting left out the portal's default. */
  create: adminProcedure.input(kindCreateInput).mutation(async ({ ctx, input }) => kindView(await createKind(ctx.deps.db, input, ctx.session.email))),

  /** Admins only: changes the fields given (archive with `archived: true`); interviews already invited keep theirs. */
  edit: adminProcedure.input(kindUpdateInput).mutation(async ({ ctx, input }) => kindView(await updateKind(ctx.deps.db, input, ctx.session.email))),

  /** Admins only, like interviewers: applies to invitations made from now on, never to interviews already invited. */
  update: adminProcedure.input(kindSettingsInput).mutation(({ ctx, input }) => saveKindSettings(ctx.deps.db, input, ctx.session.email)),
});
