import { signInInput } from '@portal/shared/schemas';
import { signIn } from '../auth/sign-in';
import { createSession, endSession, readSignedIn } from '../auth/sessions';
import { isOwner, standingIn } from '../auth/team-roles';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';
import { signedInProcedure, publicProcedure, router, sameSiteProcedure } from '../http/trpc';

export const hrAuthRouter = router({
  signIn: sameSiteProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    await ctx.deps.limiter.hit(`signin-ip:${ctx.ip}`);
    const user = await signIn(ctx.deps.db, ctx.deps.signInGuards, ctx.ip, input.email, input.password);
    const hours = ctx.deps.env.HR_SESSION_HOURS;
    ctx.cookies.set(await createSession(ctx.deps.db, user, hours), hours * 3600);
    const standing = standingIn(user, undefined);
    return { email: user.email, role: standing?.role ?? 'recruiter', team: standing?.team ?? DEFAULT_TEAM, owner: isOwner(user), positions: standing?.positions ?? [] };
  }),

  signOut: signedInProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx.deps.db, ctx.cookies.sessionId);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const session = await readSignedIn(ctx.deps.db, ctx.cookies.sessionId);
    return session && { email: session.email, role: session.role, team: session.team, owner: session.owner, positions: session.positions };
  }),
});
