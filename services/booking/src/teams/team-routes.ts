import { z } from 'zod';
import { teamBranding, teamCreateInput, teamIdInput } from '@portal/shared/team-inputs';
import { hrTeamsRouter } from './hr-teams';
import { createCallerFactory, router } from '../http/trpc';
import { routesCalling } from '../http/rest/route';

/** The procedures these routes stand for, called in-process. */
const createCaller = createCallerFactory(router({ hr: router({ teams: hrTeamsRouter }) }));
const route = routesCalling(createCaller);

const TAG = 'Teams';
const team = z.object({ id: z.string(), name: z.string(), branding: teamBranding.nullable() }).meta({ id: 'Team' });
const teamBody = teamCreateInput.omit({ id: true });
const OWNER = "Needs the deployment's owner signed in to the console (its session cookie); an API key never manages teams.";

export const teamRoutes = [
  route({
    method: 'post',
    path: '/teams',
    operationId: 'createTeam',
    summary: "Create a hiring team (owner's session)",
    description: `${OWNER} The id is the team's for good; its records, keys and users are its own.`,
    tag: TAG,
    credential: 'session',
    body: teamCreateInput,
    status: 201,
    response: team,
    refusals: [400, 409],
    run: ({ caller, body }) => caller.hr.teams.create(body),
  }),
  route({
    method: 'get',
    path: '/teams',
    operationId: 'listTeams',
    summary: "Every hiring team (owner's session)",
    description: OWNER,
    tag: TAG,
    credential: 'session',
    status: 200,
    response: z.object({ items: z.array(team) }),
    refusals: [],
    run: async ({ caller }) => ({ items: await caller.hr.teams.list() }),
  }),
  route({
    method: 'get',
    path: '/teams/{id}',
    operationId: 'getTeam',
    summary: "One hiring team (owner's session)",
    description: OWNER,
    tag: TAG,
    credential: 'session',
    params: teamIdInput,
    status: 200,
    response: team,
    refusals: [400, 404],
    run: ({ caller, params }) => caller.hr.teams.get(params),
  }),
  route({
    method: 'put',
    path: '/teams/{id}',
    operationId: 'updateTeam',
    summary: "Rename a hiring team and set its branding (owner's session)",
    description: `${OWNER} Branding left out is removed.`,
    tag: TAG,
    credential: 'session',
    params: teamIdInput,
    body: teamBody,
    status: 200,
    response: team,
    refusals: [400, 404],
    run: ({ caller, params, body }) => caller.hr.teams.update({ ...body, id: params.id }),
  }),
];
