import { z } from 'zod';
import { logLevel, nodeEnv, parseEnv, port } from '@portal/shared/env';
import { LIFECYCLE_TASK_QUEUE } from '@portal/shared/search-attributes';
import { DEV_TOKEN_PRIVATE_KEY } from '@portal/shared/tokens';
import { DEV_PAYLOAD_KEYS, payloadKeysVariable } from '@portal/shared/payload-codec';

const schema = z.object({
  NODE_ENV: nodeEnv,
  LOG_LEVEL: logLevel,
  MONGO_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/portal'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  PAYLOAD_KEYS: payloadKeysVariable,
  LIFECYCLE_TASK_QUEUE: z.string().min(1).default(LIFECYCLE_TASK_QUEUE),
  WORKFLOWS_PORT: port(3300),
  TOKEN_PRIVATE_KEY: z.string().includes('PRIVATE KEY').default(DEV_TOKEN_PRIVATE_KEY),
  PUBLIC_WEB_URL: z.url().default('http://localhost:5173'),
  MEETING_BASE_URL: z.url().default('https://meet.example.test/interview'),
  HR_CONTACT_EMAIL: z.email().default('hr@example.test'),
});

export type WorkflowsEnv = z.infer<typeof schema>;

export function loadEnv(): WorkflowsEnv {
  return parseEnv(schema, process.env, { TOKEN_PRIVATE_KEY: DEV_TOKEN_PRIVATE_KEY, PAYLOAD_KEYS: DEV_PAYLOAD_KEYS });
}
