/**
 * Zod 4 compiles fast parsers with `new Function` after probing whether eval is allowed; under our
 * Content-Security-Policy (no 'unsafe-eval') the probe alone is reported as a violation. Its
 * `jitless` setting skips both, and the interpreted parser gives the same answers.
 *
 * `z.config({ jitless: true })` would pull zod into the entry chunk every page downloads (the
 * candidate page needs no zod). Zod keeps that config on `globalThis.__zod_globalConfig`, shared
 * by every copy of zod in the page and created only if absent, so it is set here instead, before
 * any schema exists: on the object zod reads, made here if zod is not loaded yet, so a zod loaded
 * before this module (a test's) reads it too; zod-jitless.test.ts checks that zod reads it.
 */
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;

export {};
