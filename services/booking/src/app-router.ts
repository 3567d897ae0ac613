import { hrTeamsRouter } from './teams/hr-teams';
import { candidateRouter } from './candidate/candidate';
import { feedbackRouter } from './feedback/feedback';
import { hrApiKeysRouter } from './api-keys/hr-api-keys';
import { hrAuthRouter } from './hr-users/hr-auth';
import { hrCalendarsRouter } from './calendars/hr-calendars';
import { hrOrganisationCalendarsRouter } from './calendars/hr-organisation-calendars';
import { hrInterviewersRouter } from './interviewers/hr-interviewers';
import { hrInterviewProceduresRouter } from './interviews/hr-interview-procedures';
import { hrInterviewsLiveRouter } from './live/hr-interviews-live';
import { hrKindsRouter } from './kinds/hr-kinds';
import { hrPrivacyRouter } from './privacy/hr-privacy';
import { hrLoopsRouter } from './loops/hr-loops';
import { hrUsersRouter } from './hr-users/hr-users';
import { hrWebhooksRouter } from './webhooks/hr-webhooks';
import { interviewerAnswerRouter } from './interviewers/interviewer-answer';
import { mergeRouters, router } from './http/trpc';

export const appRouter = router({
  candidate: candidateRouter,
  feedback: feedbackRouter,
  interviewerAnswer: interviewerAnswerRouter,
  hr: router({
    apiKeys: hrApiKeysRouter,
    teams: hrTeamsRouter,
    auth: hrAuthRouter,
    calendars: hrCalendarsRouter,
    interviewers: hrInterviewersRouter,
    interviews: mergeRouters(hrInterviewProceduresRouter, hrInterviewsLiveRouter),
    kinds: hrKindsRouter,
    privacy: hrPrivacyRouter,
    loops: hrLoopsRouter,
    organisationCalendars: hrOrganisationCalendarsRouter,
    users: hrUsersRouter,
    webhooks: hrWebhooksRouter,
  }),
});

export type AppRouter = typeof appRouter;
