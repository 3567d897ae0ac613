import { hrLiveInput } from '@portal/shared/schemas';
import { hrLiveChanges } from './hr-live';
import { router, memberProcedure } from '../http/trpc';

/** HR's list and interview pages, told of each change as it happens (server-sent events; docs/adr/0033). */
export const hrInterviewsLiveRouter = router({
  live: memberProcedure.input(hrLiveInput).subscription(({ ctx, input, signal }) => hrLiveChanges(ctx, input, signal)),
});
