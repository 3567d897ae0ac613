import { signInInput } from '@portal/shared/schemas';
import { signIn } from '../auth/sign-in';
import { createSession, endSession, readSignedIn } from '../auth/sessions';
import { hrProcedure, publicProcedure, router, sameSiteProcedure } from '../http/trpc';

export const hrAuthRouter = router({
  signIn: sameSiteProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    await ctx.deps.limiter.hit(`signin-ip:${ctx.ip}`);
    const user = await signIn(ctx.deps.db, ctx.deps.signInGuards, ctx.ip, input.email, input.password);
    const hours = ctx.deps.env.HR_SESSION_HOURS;
    ctx.cookies.set(await createSession(ctx.deps.db, user, hours), hours * 3600);
    return { email: user.email, role: user.role };
  }),

  signOut: hrProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx.deps.db, ctx.cookies.sessionId);
    ctx.cookies.clear();
    return { ok: true as const };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const session = await readSignedIn(ctx.deps.db, ctx.cookies.sessionId);
    return session && { email: session.email, role: session.role };
  }),
});
