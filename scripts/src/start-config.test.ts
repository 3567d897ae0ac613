import { describe, expect, it } from 'vitest';
import { portalServices } from './portal-services';
import { loadStackConfig, stackPorts } from './start-config';

describe('start.sh --instances', () => {
  it('gives each instance of booking, notifications and workflows the next port, and one of everything else', () => {
    const ports = stackPorts(loadStackConfig({ PORTAL_INSTANCES: '2' }));
    expect(ports.filter((p) => p.envVar === 'BOOKING_PORT').map((p) => p.port)).toEqual([3000, 3001]);
    expect(ports.filter((p) => p.envVar === 'WORKFLOWS_PORT').map((p) => p.purpose)).toEqual(['workflows health', 'workflows health 2']);
    expect(ports.filter((p) => p.envVar === 'SINK_PORT')).toHaveLength(1);
  });

  it('refuses a second instance on a port another part already has, naming both', () => {
    expect(() => loadStackConfig({ PORTAL_INSTANCES: '2', NOTIFICATIONS_PORT: '3001' })).toThrow(
      'NOTIFICATIONS_PORT (notifications health) and BOOKING_PORT (booking API 2) are both 3001',
    );
  });

  it('starts two of each service with the booking APIs sharing their rate limits through the database', () => {
    const { services } = portalServices(loadStackConfig({ PORTAL_INSTANCES: '2' }));
    const names = services.map((s) => s.name);
    expect(names.filter((n) => n !== 'web').sort()).toEqual(['booking', 'booking-2', 'notifications', 'notifications-2', 'workflows', 'workflows-2']);
    const bookings = services.filter((s) => s.name.startsWith('booking'));
    expect(bookings.map((s) => [s.env.BOOKING_PORT, s.env.RATE_LIMIT_STORE, s.readyUrl])).toEqual([
      ['3000', 'database', 'http://127.0.0.1:3000/readyz'],
      ['3001', 'database', 'http://127.0.0.1:3001/readyz'],
    ]);
  });

  it('keeps one instance of each, with booking\'s own rate-limit store, by default', () => {
    const { services } = portalServices(loadStackConfig({}));
    expect(services.filter((s) => s.name !== 'web')).toHaveLength(3);
    expect(services.find((s) => s.name === 'booking')?.env.RATE_LIMIT_STORE).toBeUndefined();
  });

  it('refuses per-instance rate limits with more than one booking API', () => {
    expect(() => loadStackConfig({ PORTAL_INSTANCES: '2', RATE_LIMIT_STORE: 'memory' })).toThrow(/each booking API would keep its own count/);
  });
});

describe('start.sh --topology production', () => {
  it('runs two of each service behind nginx: booking instances named for x-served-by, trusting loopback, and no Vite preview', () => {
    const config = loadStackConfig({ PORTAL_TOPOLOGY: 'production' });
    expect(config.PORTAL_INSTANCES).toBe(2);
    const { services } = portalServices(config);
    expect(services.map((s) => s.name)).not.toContain('web');
    expect(services.filter((s) => s.name.startsWith('booking')).map((s) => [s.env.INSTANCE_NAME, s.env.TRUST_PROXY, s.env.RATE_LIMIT_STORE])).toEqual([
      ['booking-1', 'loopback', 'database'],
      ['booking-2', 'loopback', 'database'],
    ]);
  });

  it('refuses FerretDB on SQLite: the cluster and FerretDB share PostgreSQL', () => {
    expect(() => loadStackConfig({ PORTAL_TOPOLOGY: 'production', FERRETDB_BACKEND: 'sqlite' })).toThrow(/FERRETDB_BACKEND=sqlite with PORTAL_TOPOLOGY=production/);
  });
});
