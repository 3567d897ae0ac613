import { candidateRouter } from './routers/candidate';
import { hrAuthRouter } from './routers/hr-auth';
import { hrInterviewersRouter } from './routers/hr-interviewers';
import { hrInterviewsRouter } from './routers/hr-interviews';
import { router } from './trpc';

export const appRouter = router({
  candidate: candidateRouter,
  hr: router({
    auth: hrAuthRouter,
    interviewers: hrInterviewersRouter,
    interviews: hrInterviewsRouter,
  }),
});

export type AppRouter = typeof appRouter;
