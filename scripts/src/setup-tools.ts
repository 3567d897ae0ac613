import { MissingToolError, ensureClusterTools, ensureTools } from './tools';

// Entry point for setup.sh: finds or builds the Temporal CLI and FerretDB; with `--production`
// also the Temporal cluster's binaries (the production topology, docs/adr/0068).
try {
  const log = (line: string) => console.log(`[setup] ${line}`);
  const tools: Record<string, string> = { ...(await ensureTools(log)), ...(process.argv.includes('--production') ? await ensureClusterTools(log) : {}) };
  for (const [name, path] of Object.entries(tools)) console.log(`[setup] ${name}: ${path}`);
} catch (error) {
  console.error(error instanceof MissingToolError ? `\n${error.message}\n` : error);
  process.exit(1);
}
