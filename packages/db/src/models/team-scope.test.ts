import mongoose, { Schema } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { acrossTeams, inTeam, teamOwned } from './team-scope';

/**
 * The scope's filter, as the models add it: a connection that never opens refuses every query
 * after the query's own middleware ran, so the filter it would have sent can be read.
 */
const connection = mongoose.createConnection();
const interviews = connection.model(
  'ScopedInterview',
  teamOwned(new Schema({ _id: String, position: String, status: String }, { strict: 'throw', versionKey: false, bufferCommands: false }), { positionField: 'position' }),
);

afterAll(() => connection.close());

async function sentFilter(run: (query: ReturnType<typeof interviews.find>) => Promise<unknown>, filter: Record<string, unknown>) {
  const query = interviews.find(filter);
  await run(query).catch(() => undefined);
  return query.getFilter();
}

describe("a team's records, filtered where the data layer reads them", () => {
  it("adds the scope's team to every query run in it, and nothing outside one", async () => {
    expect(await sentFilter((query) => inTeam({ team: 'sales' }, () => query.exec()), { status: 'INVITED' })).toEqual({ status: 'INVITED', team: 'sales' });
    expect(await sentFilter((query) => query.exec(), { status: 'INVITED' })).toEqual({ status: 'INVITED' });
    expect(await sentFilter((query) => inTeam({ team: 'sales' }, () => acrossTeams(() => query.exec())), {})).toEqual({});
  });

  it('overrides a team the caller named, so no filter reaches another team', async () => {
    expect(await sentFilter((query) => inTeam({ team: 'sales' }, () => query.exec()), { team: 'engineering' })).toEqual({ team: 'sales' });
  });

  it("narrows a hiring manager's reads to their positions, and never widens a search by another", async () => {
    const manager = { team: 'eng', positions: ['Backend Engineer'] };
    expect(await sentFilter((query) => inTeam(manager, () => query.exec()), {})).toEqual({ team: 'eng', position: 'Backend Engineer' });
    const two = { team: 'eng', positions: ['Backend Engineer', 'SRE'] };
    expect(await sentFilter((query) => inTeam(two, () => query.exec()), {})).toEqual({ team: 'eng', position: { $in: ['Backend Engineer', 'SRE'] } });
    expect(await sentFilter((query) => inTeam(manager, () => query.exec()), { position: 'Designer' })).toEqual({
      position: 'Designer',
      team: 'eng',
      $and: [{ position: 'Backend Engineer' }],
    });
  });

  it("stamps a new record with the scope's team, and refuses one of another team", async () => {
    const doc = new interviews({ _id: 'i1', position: 'Backend Engineer', status: 'INVITED' });
    await inTeam({ team: 'sales' }, () => doc.validate());
    expect(doc.get('team')).toBe('sales');
    const outside = new interviews({ _id: 'i2', position: 'Backend Engineer', status: 'INVITED' });
    await outside.validate();
    expect(outside.get('team')).toBe('default');
    const crossing = new interviews({ _id: 'i3', position: 'Backend Engineer', status: 'INVITED', team: 'eng' });
    await expect(inTeam({ team: 'sales' }, () => crossing.validate())).rejects.toThrow(/team eng cannot be written in team sales/);
  });

  it("keeps the scope's team on a whole record written over another (a replacement, an upsert's insert)", async () => {
    const query = interviews.replaceOne({ _id: 'i1' }, { _id: 'i1', position: 'Backend Engineer', status: 'SCHEDULED' }, { upsert: true });
    await inTeam({ team: 'sales' }, () => query.exec()).catch(() => undefined);
    expect(query.getFilter()).toEqual({ _id: 'i1', team: 'sales' });
    expect(query.getUpdate()).toMatchObject({ status: 'SCHEDULED', team: 'sales' });
    const crossing = interviews.replaceOne({ _id: 'i1' }, { _id: 'i1', team: 'eng' });
    await expect(inTeam({ team: 'sales' }, () => crossing.exec())).rejects.toThrow(/team eng cannot be written in team sales/);
  });
});
