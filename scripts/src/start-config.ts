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
  BOOKING_PORT: port(3000),
  NOTIFICATIONS_PORT: port(3200),
  WORKFLOWS_PORT: port(3300),
  WEB_PORT: port(5173),
  /** Radicale, the demo interviewers' CalDAV server (data in .data/radicale). */
  RADICALE_PORT: port(5232),
  /** `file` (default) writes every process's output to .data/stack.log; `stdout` streams it here. */
  STACK_LOGS: z.enum(['file', 'stdout']).default('file'),
  /** Set by start.sh: when it began, so the printed start-up time includes setup. */
  STACK_T0_MS: z.coerce.number().int().positive().optional(),
});

export type StackConfig = z.infer<typeof schema>;
export type PortVar = Exclude<keyof StackConfig, 'STACK_LOGS' | 'STACK_T0_MS' | 'FERRETDB_BACKEND'>;

export const PORT_PURPOSES: Record<PortVar, string> = {
  MONGO_PORT: 'FerretDB',
  POSTGRES_PORT: 'PostgreSQL under FerretDB',
  TEMPORAL_PORT: 'Temporal frontend',
  TEMPORAL_UI_PORT: 'Temporal Web UI',
  SINK_PORT: 'email sink',
  BOOKING_PORT: 'booking API',
  NOTIFICATIONS_PORT: 'notifications health',
  WORKFLOWS_PORT: 'workflows health',
  WEB_PORT: 'web app',
  RADICALE_PORT: 'Radicale (CalDAV)',
};

export function loadStackConfig(source: Record<string, string | undefined> = process.env): StackConfig {
  const config = parseEnv(schema, source);
  const byPort = new Map<number, PortVar>();
  for (const name of Object.keys(PORT_PURPOSES) as PortVar[]) {
    const other = byPort.get(config[name]);
    if (other) throw new Error(`Invalid environment:\n  ${name} and ${other} are both ${config[name]}`);
    byPort.set(config[name], name);
  }
  return config;
}
