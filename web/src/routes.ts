import { lazy } from 'solid-js';
import type { RouteDefinition } from '@solidjs/router';

/** Each page is its own chunk: a candidate never downloads the HR console. */
export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./shell/home-page')) },
  { path: '/b/:token', component: lazy(() => import('./candidate/candidate-page')) },
  { path: '/f/:token', component: lazy(() => import('./feedback/feedback-page')) },
  { path: '/a/:token', component: lazy(() => import('./answer/answer-page')) },
  {
    path: '/hr',
    component: lazy(() => import('./hr/hr-layout')),
    children: [
      { path: '/', component: lazy(() => import('./hr/interviews/interviews-page')) },
      { path: '/interviews/:interviewId', component: lazy(() => import('./hr/interviews/interview-detail-page')) },
      { path: '/loops/:loopId', component: lazy(() => import('./hr/loops/loop-page')) },
      { path: '/invite', component: lazy(() => import('./hr/invite/invite-page')) },
      { path: '/interviewers', component: lazy(() => import('./hr/interviewers/interviewers-page')) },
      { path: '/interviewers/:interviewerId', component: lazy(() => import('./hr/interviewers/interviewer-page')) },
      { path: '/users', component: lazy(() => import('./hr/users/users-page')) },
      { path: '/kinds', component: lazy(() => import('./hr/kinds/kinds-page')) },
      { path: '/loop-templates', component: lazy(() => import('./hr/loops/loop-templates-page')) },
      { path: '/api-keys', component: lazy(() => import('./hr/api-keys/api-keys-page')) },
      { path: '/webhooks', component: lazy(() => import('./hr/webhooks/webhooks-page')) },
      { path: '/privacy', component: lazy(() => import('./hr/privacy/privacy-page')) },
      { path: '/calendars', component: lazy(() => import('./hr/calendars/calendars-page')) },
      { path: '/teams', component: lazy(() => import('./hr/teams/teams-page')) },
    ],
  },
  { path: '*', component: lazy(() => import('./shell/not-found-page')) },
];
