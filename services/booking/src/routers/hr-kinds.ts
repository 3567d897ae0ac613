import { kindSettingsInput } from '@portal/shared/schemas';
import { listKindSettings, saveKindSettings } from '../kinds/kind-notice';
import { adminProcedure, hrProcedure, router } from '../http/trpc';

export const hrKindsRouter = router({
  /** Every HR user reads this (the invite form shows a kind's notice and offers to override it). */
  list: hrProcedure.query(({ ctx }) => listKindSettings(ctx.deps.db, ctx.deps.env)),

  /** Admins only, like interviewers: applies to invitations made from now on, never to interviews already invited. */
  update: adminProcedure.input(kindSettingsInput).mutation(({ ctx, input }) => saveKindSettings(ctx.deps.db, input, ctx.session.email)),
});
