import pg from 'pg';

/**
 * FerretDB v1 pushes every equality it can, `_id` included, down to PostgreSQL as
 * `_jsonb -> 'field' @> '"value"'`, and the btree indexes it creates for `createIndex` (and for
 * `_id`) cannot serve `@>`: without help every such read scans its whole table, and a read by
 * `_id` at 20,000 interviews costs tens of milliseconds. A GIN index on the same expression
 * serves `@>`. So the portal's cluster carries an event trigger that gives each btree index
 * FerretDB creates on a top-level field a GIN twin, and every start runs one pass over the
 * indexes that exist (a cluster made before the trigger, or by another version).
 *
 * FerretDB sends its queries as prepared statements whose field name is a parameter; only a
 * custom plan (the parameters substituted) matches an expression index, so the cluster runs
 * with `plan_cache_mode=force_custom_plan` (see start-postgres.ts).
 */
const INSTALL = String.raw`
CREATE OR REPLACE FUNCTION portal_gin_twins(only_index oid) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  found record;
BEGIN
  FOR found IN
    SELECT n.nspname AS schema_name, t.relname AS table_name,
           (regexp_matches(pg_get_indexdef(i.indexrelid), '\(\(_jsonb -> ''([^'']+)''::text\)\)', 'g'))[1] AS field
    FROM pg_index i
    JOIN pg_class ix ON ix.oid = i.indexrelid
    JOIN pg_am am ON am.oid = ix.relam
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE am.amname = 'btree'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND (only_index IS NULL OR i.indexrelid = only_index)
  LOOP
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L))',
                   'gin_' || left(md5(found.schema_name || '.' || found.table_name || '.' || found.field), 24),
                   found.schema_name, found.table_name, found.field);
  END LOOP;
END
$fn$;

CREATE OR REPLACE FUNCTION portal_gin_twins_on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE
  created record;
BEGIN
  FOR created IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE command_tag = 'CREATE INDEX' LOOP
    PERFORM portal_gin_twins(created.objid);
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS portal_gin_twins;
CREATE EVENT TRIGGER portal_gin_twins ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION portal_gin_twins_on_ddl();
`;

/**
 * A PostgreSQL setting the twins need to be chosen. The planner costs a sequential scan by the
 * table's main pages and charges nothing for detoasting: an interview is a compressed document of
 * 2 to 3 kB kept out of line, so at a few hundred interviews a scan looks cheaper than the GIN
 * index, yet it decompresses and parses every document (3 to 4 ms for a read by `_id` at 200
 * interviews, against 0.2 ms through the twin). Twenty times the default cost per operator
 * (0.0025) is closer to what `_jsonb -> 'field' @> value` costs on such a row, and the twin is chosen.
 */
export const JSONB_OPERATOR_COST = 'cpu_operator_cost=0.05';

/** Installs the trigger (idempotent) and twins the indexes already there. */
export async function installGinTwins(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(INSTALL);
    await client.query('SELECT portal_gin_twins(NULL)');
  } finally {
    await client.end();
  }
}
