import { SEARCH_ATTRIBUTES } from '@portal/shared/search-attributes';

// The slice of testcontainers' API used here. The package is optional: it is loaded only
// when a Docker engine answers, so machines without Docker never need it installed.
interface StartedContainer {
  getHost(): string;
  getMappedPort(port: number): number;
  stop(): Promise<unknown>;
}
interface GenericContainerBuilder {
  withExposedPorts(...ports: number[]): GenericContainerBuilder;
  withCommand(command: string[]): GenericContainerBuilder;
  start(): Promise<StartedContainer>;
}
interface Testcontainers {
  GenericContainer: new (image: string) => GenericContainerBuilder;
}

export const MONGO_IMAGE = 'mongo:7.0';
export const TEMPORAL_IMAGE = 'temporalio/temporal:1.5.1';

export async function loadTestcontainers(): Promise<Testcontainers | undefined> {
  const specifier = 'testcontainers';
  try {
    return (await import(/* @vite-ignore */ specifier)) as Testcontainers;
  } catch {
    return undefined;
  }
}

export async function startMongoContainer(tc: Testcontainers): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const container = await new tc.GenericContainer(MONGO_IMAGE).withExposedPorts(27017).start();
  return { url: `mongodb://${container.getHost()}:${container.getMappedPort(27017)}`, stop: () => container.stop() };
}

export async function startTemporalContainer(tc: Testcontainers): Promise<{ address: string; stop: () => Promise<unknown> }> {
  const attributes = Object.entries(SEARCH_ATTRIBUTES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]);
  const container = await new tc.GenericContainer(TEMPORAL_IMAGE)
    .withExposedPorts(7233)
    .withCommand(['server', 'start-dev', '--ip', '0.0.0.0', '--headless', ...attributes])
    .start();
  return { address: `${container.getHost()}:${container.getMappedPort(7233)}`, stop: () => container.stop() };
}
