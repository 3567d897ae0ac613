import { MissingToolError, ensureTools } from './tools';

// Entry point for setup.sh: finds or builds the Temporal CLI and FerretDB.
try {
  const tools = await ensureTools((line) => console.log(`[setup] ${line}`));
  for (const [name, path] of Object.entries(tools)) console.log(`[setup] ${name}: ${path}`);
} catch (error) {
  console.error(error instanceof MissingToolError ? `\n${error.message}\n` : error);
  process.exit(1);
}
