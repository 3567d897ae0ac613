import { candidateRouter } from './routers/candidate';
import { feedbackRouter } from './routers/feedback';
import { hrApiKeysRouter } from './routers/hr-api-keys';
import { hrActionsRouter } from './routers/hr-actions';
import { hrAuthRouter } from './routers/hr-auth';
import { hrCalendarsRouter } from './routers/hr-calendars';
import { hrInterviewersRouter } from './routers/hr-interviewers';
import { hrInterviewRecordsRouter } from './routers/hr-interview-records';
import { hrInterviewsRouter } from './routers/hr-interviews';
import { hrInterviewsLiveRouter } from './routers/hr-interviews-live';
import { hrKindsRouter } from './routers/hr-kinds';
import { hrPrivacyRouter } from './routers/hr-privacy';
import { hrLoopsRouter } from './routers/hr-loops';
import { hrUsersRouter } from './routers/hr-users';
import { hrWebhooksRouter } from './routers/hr-webhooks';
import { interviewerAnswerRouter } from './routers/interviewer-answer';
import { mergeRouters, router } from './http/trpc';

export const appRouter = router({
  candidate: candidateRouter,
  feedback: feedbackRouter,
  interviewerAnswer: interviewerAnswerRouter,
  hr: router({
    apiKeys: hrApiKeysRouter,
    auth: hrAuthRouter,
    calendars: hrCalendarsRouter,
    interviewers: hrInterviewersRouter,
    interviews: mergeRouters(hrInterviewsRouter, hrActionsRouter, hrInterviewRecordsRouter, hrInterviewsLiveRouter),
    kinds: hrKindsRouter,
    privacy: hrPrivacyRouter,
    loops: hrLoopsRouter,
    users: hrUsersRouter,
    webhooks: hrWebhooksRouter,
  }),
});

export type AppRouter = typeof appRouter;
