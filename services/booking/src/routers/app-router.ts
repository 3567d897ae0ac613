import { candidateRouter } from './candidate';
import { feedbackRouter } from './feedback';
import { hrApiKeysRouter } from './hr-api-keys';
import { hrActionsRouter } from './hr-actions';
import { hrAuthRouter } from './hr-auth';
import { hrCalendarsRouter } from './hr-calendars';
import { hrInterviewersRouter } from './hr-interviewers';
import { hrInterviewRecordsRouter } from './hr-interview-records';
import { hrInterviewsRouter } from './hr-interviews';
import { hrInterviewsLiveRouter } from './hr-interviews-live';
import { hrKindsRouter } from './hr-kinds';
import { hrPrivacyRouter } from './hr-privacy';
import { hrLoopsRouter } from './hr-loops';
import { hrUsersRouter } from './hr-users';
import { hrWebhooksRouter } from './hr-webhooks';
import { interviewerAnswerRouter } from './interviewer-answer';
import { mergeRouters, router } from '../http/trpc';

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
