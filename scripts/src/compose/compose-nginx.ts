import { fileURLToPath } from 'node:url';
import { renderNginx, webSecurityHeaders } from '../stack/start-nginx';

const webNginxConf = fileURLToPath(new URL('../../../web/nginx.conf', import.meta.url));

/** deploy/nginx, where docker-compose.yml mounts both nginx services' configs from. */
export const composeNginxDir = fileURLToPath(new URL('../../../deploy/nginx/', import.meta.url));

/**
 * The two nginx configs of docker-compose.yml, from the same template as the production
 * topology's one nginx (stack/start-nginx.ts): `web.conf` for the web app and booking's routes
 * over both instances, `temporal.conf` for the gRPC front over both frontends. Two services, not
 * one: booking waits for Temporal, and nginx resolves its upstreams when it starts.
 */
export function composeNginxFiles(): Record<'web.conf' | 'temporal.conf', string> {
  const common = { pid: '/tmp/nginx.pid', tempDir: '/tmp' };
  return {
    'web.conf': renderNginx({
      ...common,
      web: { listen: '80', root: '/usr/share/nginx/html', booking: ['booking-1:3000', 'booking-2:3000'], headers: webSecurityHeaders(webNginxConf) },
    }),
    'temporal.conf': renderNginx({
      ...common,
      temporal: { listen: '7233', frontends: ['temporal-frontend-1:7233', 'temporal-frontend-2:7233'] },
    }),
  };
}
