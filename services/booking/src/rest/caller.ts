import { appRouter } from '../routers/app-router';
import { createCallerFactory } from '../http/trpc';

/** The procedures, called in-process through the same middleware as HTTP: each REST route is one or two of these calls. */
export const createRestCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createRestCaller>;
