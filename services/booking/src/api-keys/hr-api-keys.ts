import { apiKeyCreateInput, apiKeyRevokeInput } from '@portal/shared/api-key-inputs';
import { createApiKey, listApiKeys, revokeApiKey } from '../auth/api-keys';
import { router, sessionAdminProcedure } from '../http/trpc';

/** The API keys page (docs/adr/0021): an admin signed in to the console; a key never manages keys. */
export const hrApiKeysRouter = router({
  list: sessionAdminProcedure.query(({ ctx }) => listApiKeys(ctx.deps.db)),

  /** The answer is the only time the key is shown. */
  create: sessionAdminProcedure.input(apiKeyCreateInput).mutation(({ ctx, input }) => createApiKey(ctx.deps.db, input, ctx.session.userId)),

  revoke: sessionAdminProcedure.input(apiKeyRevokeInput).mutation(({ ctx, input }) => revokeApiKey(ctx.deps.db, input.id)),
});
