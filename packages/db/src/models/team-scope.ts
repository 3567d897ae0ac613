import { AsyncLocalStorage } from 'node:async_hooks';
import type { Schema } from 'mongoose';
import { DEFAULT_TEAM } from '@portal/shared/team-inputs';

/**
 * The team a request acts in (docs/adr/0076), and the one place that filter is applied: every
 * read and write of a team's records (interviews, loops, interviewers, kinds, templates, webhook
 * endpoints, API keys, audit) made while a scope is set carries `team = <scope>` in its filter,
 * added by the models themselves, so no handler has to remember it. Another team's record is then
 * not found, exactly as a missing one.
 *
 * A hiring manager's scope also names the positions they own: on the models that carry a
 * `position` (interviews, loops), only those are found.
 *
 * Outside a scope (the workflows' activities, the notification service, sign-in, the candidate's
 * link, which reach records by their ids) nothing is added. A record inserted outside a scope
 * takes the team it was given, or the default team.
 *
 * The filter is top-level scalar equality, which FerretDB turns into SQL beside the other
 * equalities (docs/data.md), so it costs no extra read.
 */
export interface TeamScope {
  team: string;
  /** A hiring manager's positions; absent for every other role. */
  positions?: readonly string[];
}

const scopes = new AsyncLocalStorage<TeamScope>();

/**
 * Runs `work` in `scope`: every team-owned query it makes is filtered to that team. A mongoose
 * query runs when it is awaited, in the context of whoever awaits it: `work` must start its
 * queries itself (`.exec()`, or an async function that awaits them), never hand one back unrun.
 */
export function inTeam<T>(scope: TeamScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** Runs `work` outside any scope: the deployment's own work that a team's request may set going (the same care as `inTeam`). */
export function acrossTeams<T>(work: () => T): T {
  return scopes.exit(work);
}

export const currentScope = (): TeamScope | undefined => scopes.getStore();

/** The team of a stored record: records stored before teams belong to the default team. */
export const teamOf = (doc: { team?: string | null | undefined }): string => doc.team ?? DEFAULT_TEAM;

const QUERIES = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'countDocuments',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'distinct',
] as const;

const REPLACES = new Set(['replaceOne', 'findOneAndReplace']);

interface Scoped {
  team?: string | null;
}

class CrossTeamWrite extends Error {
  constructor(team: string, scope: string) {
    super(`A record of team ${team} cannot be written in team ${scope}'s scope.`);
    this.name = 'CrossTeamWrite';
  }
}

/**
 * Makes a schema's records a team's: a `team` field, the scope's filter on every query and
 * aggregate, and the scope's team on every insert. `positionField` names the field a hiring
 * manager's positions limit.
 */
export function teamOwned<T>(schema: Schema<T>, options: { positionField?: string } = {}): Schema<T> {
  schema.add({ team: { type: String, required: true } } as never);
  schema.index({ team: 1 });
  const { positionField } = options;

  schema.pre([...QUERIES], function scopeQuery() {
    const scope = scopes.getStore();
    if (scope === undefined) return;
    this.where({ team: scope.team });
    // A replacement is a whole record: it keeps its team (an upsert's insert takes nothing from the filter).
    if (REPLACES.has((this as unknown as { op?: string }).op ?? '')) {
      const replacement = this.getUpdate() as Scoped | null;
      if (replacement !== null && typeof replacement === 'object') {
        if (replacement.team !== undefined && replacement.team !== null && replacement.team !== scope.team) throw new CrossTeamWrite(replacement.team, scope.team);
        this.setUpdate({ ...replacement, team: scope.team } as never);
      }
    }
    if (positionField === undefined || scope.positions === undefined) return;
    const owned = { [positionField]: scope.positions.length === 1 ? scope.positions[0] : { $in: [...scope.positions] } };
    // A filter on the position already (a search by it) is kept and narrowed, never widened.
    if (positionField in this.getFilter()) this.and([owned]);
    else this.where(owned);
  });

  schema.pre('aggregate', function scopeAggregate() {
    const scope = scopes.getStore();
    if (scope === undefined) return;
    const match: Record<string, unknown> = { team: scope.team };
    if (positionField !== undefined && scope.positions !== undefined) match[positionField] = { $in: [...scope.positions] };
    this.pipeline().unshift({ $match: match });
  });

  const stamp = (doc: Scoped) => {
    const scope = scopes.getStore();
    if (doc.team === undefined || doc.team === null) doc.team = scope?.team ?? DEFAULT_TEAM;
    else if (scope !== undefined && doc.team !== scope.team) throw new CrossTeamWrite(doc.team, scope.team);
  };
  schema.pre('validate', function stampTeam() {
    if (this.isNew) stamp(this as unknown as Scoped);
  });
  schema.pre('insertMany', function stampTeams(next: (error?: Error) => void, docs: unknown) {
    try {
      for (const doc of Array.isArray(docs) ? docs : [docs]) stamp(doc as Scoped);
      next();
    } catch (error) {
      next(error as Error);
    }
  });
  return schema;
}
