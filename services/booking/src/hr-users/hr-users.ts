import {
  hrUserCreateInput,
  hrUserResetPasswordInput,
  hrUserSetDisabledInput,
  hrUserSetRoleInput,
} from '@portal/shared/hr-user-inputs';
import type { HrUserDocument } from '@portal/db/documents';
import { createHrUser, resetHrUserPassword, setHrUserDisabled, setHrUserRole, type Actor } from './hr-user-admin';
import { sessionAdminProcedure, router } from '../http/trpc';

function present(user: HrUserDocument, actor: Actor) {
  return {
    id: user._id,
    email: user.email,
    role: user.role,
    disabled: user.disabled,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    isYou: user._id === actor.userId,
  };
}

const actorOf = (session: { userId: string; email: string }): Actor => ({ userId: session.userId, email: session.email });

/** The HR users page: admins signed in, never an API key. The team is small, so it is read whole. */
export const hrUsersRouter = router({
  list: sessionAdminProcedure.query(async ({ ctx }) => {
    const users = await ctx.deps.db.hrUsers.find({});
    const actor = actorOf(ctx.session);
    return users.map((user) => present(user, actor)).sort((a, b) => a.email.localeCompare(b.email));
  }),

  create: sessionAdminProcedure.input(hrUserCreateInput).mutation(async ({ ctx, input }) => {
    const actor = actorOf(ctx.session);
    return present(await createHrUser(ctx.deps.db, actor, input), actor);
  }),

  setDisabled: sessionAdminProcedure.input(hrUserSetDisabledInput).mutation(async ({ ctx, input }) => {
    await setHrUserDisabled(ctx.deps.db, actorOf(ctx.session), input.userId, input.disabled);
    return { ok: true as const };
  }),

  resetPassword: sessionAdminProcedure.input(hrUserResetPasswordInput).mutation(async ({ ctx, input }) => {
    await resetHrUserPassword(ctx.deps.db, actorOf(ctx.session), input.userId, input.password);
    return { ok: true as const };
  }),

  setRole: sessionAdminProcedure.input(hrUserSetRoleInput).mutation(async ({ ctx, input }) => {
    await setHrUserRole(ctx.deps.db, actorOf(ctx.session), input.userId, input.role);
    return { ok: true as const };
  }),
});
