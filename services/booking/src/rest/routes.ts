import { apiKeyRoutes } from './api-keys';
import { candidateRoutes } from './candidate';
import { candidateDataRoutes } from './candidates';
import { interviewerRoutes } from './interviewers';
import { interviewKindRoutes } from './interview-kinds';
import { interviewRoutes } from './interviews';
import { invitationRoutes } from './invitations';
import type { Route } from './route';
import { webhookRoutes } from './webhook-endpoints';

/** Every REST operation: mounted by the router, described by the OpenAPI document, walked by the tests. */
export const ROUTES: Route[] = [...invitationRoutes, ...interviewRoutes, ...interviewerRoutes, ...interviewKindRoutes, ...candidateRoutes, ...webhookRoutes, ...apiKeyRoutes, ...candidateDataRoutes];
