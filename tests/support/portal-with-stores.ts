import mongoose from 'mongoose';
import { Connection } from '@temporalio/client';
import { testTemporalAddress } from '@portal/devstack/testing';
import { startPortal, type PortalUnderTest } from './portal-under-test';

/** A portal under test with direct lines to its database and to Temporal, for tests that read both. */
export interface PortalWithStores {
  portal: PortalUnderTest;
  mongo: mongoose.Connection;
  temporal: Connection;
  stop(): Promise<void>;
}

export async function startPortalWithStores(file: string, overrides: Record<string, string> = {}): Promise<PortalWithStores> {
  return withStores(await startPortal(file, overrides));
}

/** Direct lines to a running portal's database and to Temporal (a shared portal's `stop` leaves it running). */
export async function withStores(portal: PortalUnderTest): Promise<PortalWithStores> {
  const mongo = await mongoose.createConnection(portal.mongoUrl).asPromise();
  const temporal = await Connection.connect({ address: testTemporalAddress() });
  return {
    portal,
    mongo,
    temporal,
    async stop() {
      await temporal.close();
      await mongo.close();
      await portal.stop();
    },
  };
}
