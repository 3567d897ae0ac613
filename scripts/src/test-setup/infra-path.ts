export type InfraPath = 'docker' | 'native';

export interface InfraChoice {
  path: InfraPath;
  /** Why, for the start-up log line. */
  reason: string;
}

/**
 * Which infrastructure a run starts for what MONGO_URL / TEMPORAL_ADDRESS do not provide:
 * TEST_INFRA=docker|native forces one; otherwise containers when a Docker engine answers,
 * native binaries when none does.
 */
export function chooseInfraPath(forced: string | undefined, engineAnswers: boolean): InfraChoice {
  if (forced === 'native') return { path: 'native', reason: 'TEST_INFRA=native' };
  if (forced === 'docker') {
    if (!engineAnswers) throw new Error('TEST_INFRA=docker but no Docker engine answers (DOCKER_HOST or /var/run/docker.sock): start dockerd, or unset TEST_INFRA');
    return { path: 'docker', reason: 'TEST_INFRA=docker' };
  }
  if (forced !== undefined && forced !== '') throw new Error(`TEST_INFRA must be docker or native, not ${forced}`);
  return engineAnswers
    ? { path: 'docker', reason: 'a Docker engine answers (TEST_INFRA=native to use the native binaries)' }
    : { path: 'native', reason: 'no Docker engine answers' };
}
