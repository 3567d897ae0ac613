import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GenericContainer, getContainerRuntimeClient, ImageName } from 'testcontainers';
import { withBuildLock } from '../../build-lock';
import { toolsDir } from '../../paths';
import { ferretdbImage, postgresImage, temporalImage, type LocalImage } from './image-recipes';

export type ImageSource = 'local' | 'official';
export type ServiceImage = 'postgres' | 'ferretdb' | 'temporal';

/** Registry images of the same versions, for machines that can pull (TEST_IMAGES=official). */
const OFFICIAL: Record<ServiceImage, string> = {
  postgres: 'postgres:15.18',
  ferretdb: 'ghcr.io/ferretdb/ferretdb:1.24.2',
  temporal: 'temporalio/temporal:1.5.1',
};

const LOCAL: Record<ServiceImage, () => LocalImage> = {
  postgres: postgresImage,
  ferretdb: () => ferretdbImage,
  temporal: () => temporalImage,
};

/** TEST_IMAGES: `local` (default; built here, nothing pulled) or `official` (pulled from their registries). */
export function imageSource(env: NodeJS.ProcessEnv = process.env): ImageSource {
  const value = env.TEST_IMAGES ?? 'local';
  if (value !== 'local' && value !== 'official') throw new Error(`TEST_IMAGES must be local or official, not ${value}`);
  return value;
}

/** Builds a local image when no image of its tag exists yet; returns the tag. */
async function ensureLocalImage(image: LocalImage, log: (line: string) => void): Promise<string> {
  const client = await getContainerRuntimeClient();
  const exists = () => client.image.exists(ImageName.fromString(image.tag));
  if (await exists()) return image.tag;
  const context = join(toolsDir, 'images', image.tag.replace(/[^a-z0-9.-]+/gi, '_'));
  await mkdir(join(toolsDir, 'images'), { recursive: true });
  return withBuildLock(`${context}.lock`, async () => {
    if (await exists()) return image.tag;
    const started = Date.now();
    log(`building image ${image.tag} (first time only)`);
    await rm(context, { recursive: true, force: true });
    await image.prepare(context, log);
    await GenericContainer.fromDockerfile(context).build(image.tag, { deleteOnExit: false }).catch((error: unknown) => {
      // testcontainers does not pass the build's output on: the context stays for a rerun by hand.
      throw new Error(`building ${image.tag} failed (${String(error)}); see why with: docker build ${context}`);
    });
    await rm(context, { recursive: true, force: true });
    log(`built image ${image.tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return image.tag;
  }, log);
}

/** The image to run for a service: its official one, or the local one (built when missing). */
export async function serviceImage(service: ServiceImage, source: ImageSource, log: (line: string) => void): Promise<string> {
  return source === 'official' ? OFFICIAL[service] : ensureLocalImage(LOCAL[service](), log);
}
