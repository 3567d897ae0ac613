import {
  hrUserCreateInput,
  hrUserResetPasswordInput,
  hrUserSetDisabledInput,
  hrUserSetRoleInput,
} from '@portal/shared/hr-user-inputs';
import type { HrUserDocument } from '@portal/db/documents';
import { isOwner, membershipsOf } from '../auth/team-roles';
import { createHrUser, resetHrUserPassword, setHrUserDisabled, setHrUserRole, type Actor } from './hr-user-admin';
import { sessionAdminProcedure, router } from '../http/trpc';

/** A user as the users page of the actor's team shows them: their role in that team. */
function present(user: HrUserDocument, actor: Actor) {
  const membership = membershipsOf(user).find((m) => m.team === actor.team);
  return {
    id: user._id,
    email: user.email,
    role: membership?.role ?? 'recruiter',
    positions: membership?.positions ?? [],
    owner: isOwner(user),
    disabled: user.disabled,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    isYou: user._id === actor.userId,
  };
}

const actorOf = (session: { userId: string; email: string; team: string }): Actor => ({ userId: session.userId, email: session.email, team: session.team });

/**
 * The HR users page of the session's team: its admins signed in, never an API key. HR users are
 * few, so they are read whole and those of the team shown.
 */
export const hrUsersRouter = router({
  list: sessionAdminProcedure.query(async ({ ctx }) => {
    const users = await ctx.deps.db.hrUsers.find({});
    const actor = actorOf(ctx.session);
    return users
      .filter((user) => membershipsOf(user).some((m) => m.team === actor.team))
      .map((user) => present(user, actor)).sort((a, b) => a.email.localeCompare(b.email));
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
    await setHrUserRole(ctx.deps.db, actorOf(ctx.session), input.userId, input.role, input.positions);
    return { ok: true as const };
  }),
});
