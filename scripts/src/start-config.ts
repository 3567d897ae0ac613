import { z } from 'zod';
import { parseEnv, port } from '@portal/shared/env';
import { FERRETDB_BACKENDS } from './stack/embedded-mongo';

const schema = z.object({
  MONGO_PORT: port(27017),
  /** The embedded PostgreSQL under FerretDB (not used with FERRETDB_BACKEND=sqlite). */
  POSTGRES_PORT: port(54320),
  FERRETDB_BACKEND: z.enum(FERRETDB_BACKENDS).default('postgresql'),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  SINK_PORT: port(3100),
  /** The local stand-in for Daily's REST API (meeting rooms of kinds held on Daily). */
  DAILY_STAND_IN_PORT: port(3400),
  /** The local stand-in for Zoom's OAuth and Meetings API (meetings of kinds held on Zoom). */
  ZOOM_STAND_IN_PORT: port(3700),
  /** The local stand-in for the Google Calendar API and Google's token endpoint (the organisation's Google connection). */
  GOOGLE_STAND_IN_PORT: port(3500),
  /** The local stand-in for Microsoft Graph and Entra ID's token endpoint (the organisation's Microsoft 365 connection). */
  MICROSOFT_STAND_IN_PORT: port(3600),
  BOOKING_PORT: port(3000),
  NOTIFICATIONS_PORT: port(3200),
  WORKFLOWS_PORT: port(3300),
  WEB_PORT: port(5173),
  /** Radicale, the demo interviewers' CalDAV server (data in .data/radicale). */
  RADICALE_PORT: port(5232),
  /** `file` (default) writes every process's output to .data/stack.log; `stdout` streams it here. */
  STACK_LOGS: z.enum(['file', 'stdout']).default('file'),
  /**
   * How many of each portal service to start (`start.sh --instances N`): instance k (from 0) of
   * booking, notifications and workflows listens on its variable's port + k (docs/adr/0019).
   */
  PORTAL_INSTANCES: z.coerce.number().int().min(1).max(9).default(1),
  /**
   * `dev`: the Temporal dev server, the web app on Vite's preview server. `production`
   * (`start.sh --topology production`, docs/adr/0068): a Temporal cluster on PostgreSQL, two of
   * each portal service, nginx in front.
   */
  PORTAL_TOPOLOGY: z.enum(['dev', 'production']).default('dev'),
  /** Booking's rate-limit store; with more than one instance only `database` (one count for all) is allowed. */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  /** Set by start.sh: when it began, so the printed start-up time includes setup. */
  STACK_T0_MS: z.coerce.number().int().positive().optional(),
});

export type StackConfig = z.infer<typeof schema>;
export type PortVar = Exclude<keyof StackConfig, 'STACK_LOGS' | 'STACK_T0_MS' | 'FERRETDB_BACKEND' | 'PORTAL_INSTANCES' | 'RATE_LIMIT_STORE' | 'PORTAL_TOPOLOGY'>;

export const PORT_PURPOSES: Record<PortVar, string> = {
  MONGO_PORT: 'FerretDB',
  POSTGRES_PORT: 'PostgreSQL under FerretDB',
  TEMPORAL_PORT: 'Temporal frontend',
  TEMPORAL_UI_PORT: 'Temporal Web UI',
  SINK_PORT: 'email sink',
  DAILY_STAND_IN_PORT: 'Daily stand-in (meeting rooms)',
  ZOOM_STAND_IN_PORT: 'Zoom stand-in (meetings)',
  GOOGLE_STAND_IN_PORT: 'Google Calendar stand-in',
  MICROSOFT_STAND_IN_PORT: 'Microsoft Graph stand-in',
  BOOKING_PORT: 'booking API',
  NOTIFICATIONS_PORT: 'notifications health',
  WORKFLOWS_PORT: 'workflows health',
  WEB_PORT: 'web app',
  RADICALE_PORT: 'Radicale (CalDAV)',
};

/** The ports started once per instance. */
export const PER_INSTANCE_PORTS: readonly PortVar[] = ['BOOKING_PORT', 'NOTIFICATIONS_PORT', 'WORKFLOWS_PORT'];

export interface StackPort {
  port: number;
  purpose: string;
  envVar: PortVar;
}

/** Every port the stack listens on, each instance's included, with its purpose and the variable that moves it. */
export function stackPorts(config: StackConfig): StackPort[] {
  return (Object.keys(PORT_PURPOSES) as PortVar[]).flatMap((envVar) => {
    const count = PER_INSTANCE_PORTS.includes(envVar) ? config.PORTAL_INSTANCES : 1;
    return Array.from({ length: count }, (_, k) => ({
      port: config[envVar] + k,
      purpose: k === 0 ? PORT_PURPOSES[envVar] : `${PORT_PURPOSES[envVar]} ${k + 1}`,
      envVar,
    }));
  });
}

export function loadStackConfig(source: Record<string, string | undefined> = process.env): StackConfig {
  const parsed = parseEnv(schema, source);
  // The production topology runs two of each service unless told more.
  const config = parsed.PORTAL_TOPOLOGY === 'production' && source.PORTAL_INSTANCES === undefined ? { ...parsed, PORTAL_INSTANCES: 2 } : parsed;
  const problems: string[] = [];
  const byPort = new Map<number, StackPort>();
  for (const entry of stackPorts(config)) {
    const other = byPort.get(entry.port);
    if (other) problems.push(`${entry.envVar} (${entry.purpose}) and ${other.envVar} (${other.purpose}) are both ${entry.port}`);
    byPort.set(entry.port, entry);
  }
  if (config.PORTAL_INSTANCES > 1 && config.RATE_LIMIT_STORE === 'memory') {
    problems.push(`RATE_LIMIT_STORE is memory with PORTAL_INSTANCES=${config.PORTAL_INSTANCES}: each booking API would keep its own count; use database (the default then)`);
  }
  if (config.PORTAL_TOPOLOGY === 'production' && config.FERRETDB_BACKEND !== 'postgresql') {
    problems.push('FERRETDB_BACKEND=sqlite with PORTAL_TOPOLOGY=production: the Temporal cluster and FerretDB both keep their data in PostgreSQL');
  }
  if (problems.length > 0) throw new Error(`Invalid environment:\n  ${problems.join('\n  ')}`);
  return config;
}
