import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Router } from 'express';

/** Swagger UI from the installed npm package: the reference page works with no network beyond the portal. */
const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const SERVED = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interview portal API v1</title>
<link rel="stylesheet" href="/api/v1/docs/swagger-ui.css">
<link rel="icon" href="/api/v1/docs/favicon-32x32.png">
</head>
<body>
<div id="reference"></div>
<script src="/api/v1/docs/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/reference.js"></script>
</body>
</html>
`;

const START = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#reference', deepLinking: true, tryItOutEnabled: false });\n`;

/**
 * The page may run only its own scripts and load only from the portal; Swagger UI sets inline
 * styles on its elements, so styles allow them. Everything else of the API stays at `default-src 'none'`.
 */
const PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function referencePage(): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    next();
  });
  router.get('/', (_req, res) => void res.type('html').send(PAGE));
  router.get('/reference.js', (_req, res) => void res.type('js').send(START));
  router.get('/:asset', (req, res, next) => {
    const asset = req.params.asset;
    if (!SERVED.has(asset)) return next();
    // `root`: the package sits under pnpm's `.pnpm` folder, a dot-folder send() refuses in a whole path.
    res.sendFile(asset, { root: assets, maxAge: '1d' });
  });
  return router;
}
