import { DomainError } from '@portal/shared/errors';
import { teamCreateInput, teamIdInput, teamMemberInput, teamSwitchInput, teamUpdateInput } from '@portal/shared/team-inputs';
import { standingIn } from '../auth/team-roles';
import { switchSessionTeam } from '../auth/sessions';
import { ownerProcedure, router, signedInProcedure } from '../http/trpc';
import { createTeam, listTeams, readTeam, setMembership, teamsOf, updateTeam } from './teams';
import { noSuchTeam } from './team-admin';

/** Hiring teams (docs/adr/0076): the owner manages them; every HR user sees and picks their own. */
export const hrTeamsRouter = router({
  list: ownerProcedure.query(({ ctx }) => listTeams(ctx.deps.db)),
  get: ownerProcedure.input(teamIdInput).query(({ ctx, input }) => readTeam(ctx.deps.db, input.id)),
  create: ownerProcedure.input(teamCreateInput).mutation(({ ctx, input }) => createTeam(ctx.deps.db, input, ctx.session.email)),
  update: ownerProcedure.input(teamUpdateInput).mutation(({ ctx, input }) => updateTeam(ctx.deps.db, input, ctx.session.email)),
  setMember: ownerProcedure.input(teamMemberInput).mutation(async ({ ctx, input }) => {
    await setMembership(ctx.deps.db, ctx.session.email, input);
    return { ok: true as const };
  }),

  /** The teams the signed-in user acts in, and which one this session acts in now. */
  mine: signedInProcedure.query(async ({ ctx }) => {
    const user = await ctx.deps.db.hrUsers.findById(ctx.session.userId).lean();
    const teams = user === null ? [] : await teamsOf(ctx.deps.db, user);
    return { current: ctx.session.team, role: ctx.session.role, owner: ctx.session.owner, teams };
  }),

  /** The session acts in another of the user's teams from its next request. */
  switch: signedInProcedure.input(teamSwitchInput).mutation(async ({ ctx, input }) => {
    const [user, team] = await Promise.all([ctx.deps.db.hrUsers.findById(ctx.session.userId).lean(), ctx.deps.db.teams.findById(input.team, { _id: 1 }).lean()]);
    if (user === null || team === null || standingIn(user, input.team)?.team !== input.team) throw noSuchTeam(input.team);
    const sessionId = ctx.cookies.sessionId;
    if (sessionId === undefined) throw new DomainError('UNAUTHORIZED', 'Sign in to continue.');
    await switchSessionTeam(ctx.deps.db, sessionId, input.team);
    return { current: input.team };
  }),
});
