import { apiKeyCreateInput, apiKeyRevokeInput } from '@portal/shared/api-key-inputs';
import { inTeam } from '@portal/db/team-scope';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { adminOfTeam } from '../teams/team-admin';
import { router, sessionAdminProcedure } from '../http/trpc';

/** The API keys page (docs/adr/0021): an admin signed in to the console; a key never manages keys. */
export const hrApiKeysRouter = router({
  list: sessionAdminProcedure.query(({ ctx }) => listApiKeys(ctx.deps.db)),

  /**
   * The answer is the only time the key is shown. The key acts in the team named (one the admin
   * administers; another reads as missing), else in the session's team.
   */
  create: sessionAdminProcedure.input(apiKeyCreateInput).mutation(async ({ ctx, input }) => {
    const { team = ctx.session.team, ...key } = input;
    if (team !== ctx.session.team) await adminOfTeam(ctx.deps.db, ctx.session.userId, team);
    return inTeam({ team }, () => createApiKey(ctx.deps.db, key, ctx.session.userId));
  }),

  revoke: sessionAdminProcedure.input(apiKeyRevokeInput).mutation(({ ctx, input }) => revokeApiKey(ctx.deps.db, input.id)),
});
