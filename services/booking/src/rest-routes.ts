import { apiKeyRoutes } from './api-keys/api-key-routes';
import { candidateRoutes } from './candidate/candidate-routes';
import { candidateDataRoutes } from './privacy/candidate-data-routes';
import { interviewerRoutes } from './interviewers/interviewer-routes';
import { interviewKindRoutes } from './kinds/kind-routes';
import { interviewRoutes } from './interviews/interview-routes';
import { invitationRoutes } from './interviews/invitation-routes';
import type { Route } from './http/rest/route';
import { webhookRoutes } from './webhooks/webhook-routes';
import { teamRoutes } from './teams/team-routes';

/**
 * Every REST operation, each feature's from its own folder: mounted by the router, described by
 * the OpenAPI document, walked by the tests.
 */
export const ROUTES: Route[] = [...invitationRoutes, ...interviewRoutes, ...interviewerRoutes, ...interviewKindRoutes, ...candidateRoutes, ...webhookRoutes, ...apiKeyRoutes, ...candidateDataRoutes, ...teamRoutes];
