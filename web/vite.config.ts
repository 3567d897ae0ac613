/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { routeBudget } from './build/route-budget.ts';
import { SECURITY_HEADERS } from './build/security-headers.ts';

// The SPA talks to booking only through the first two prefixes (the Temporal UI through the third);
// in dev and preview Vite forwards them so the session cookie stays first-party. No
// X-Forwarded-For: booking trusts none from loopback (TRUST_PROXY), so here every local user
// shares one address, as they do.
const bookingUrl = process.env.BOOKING_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/trpc': { target: bookingUrl, changeOrigin: true },
  '/api': { target: bookingUrl, changeOrigin: true },
  // The Temporal UI's codec server: booking decodes for a signed-in HR session only.
  '/codec': { target: bookingUrl, changeOrigin: true },
};

export default defineConfig({
  plugins: [
    solid(),
    routeBudget({
      route: '/b/:token',
      module: 'src/candidate/candidate-page.tsx',
      // 40 KB before languages; i18next with its ICU engine adds 27 KB (docs/adr/0025-languages.md);
      // live free times add 3 KB: tRPC's server-sent events consumer, split and retry links (docs/adr/0033);
      // the texts opt-in and the meeting link's rows about 1.3 KB (docs/adr/0026, 0028).
      limitBytes: 71 * 1024,
    }),
  ],
  // No CORS answers of Vite's own: a preflight for /codec must reach booking, which allows only the Temporal UI.
  server: { proxy, cors: false },
  preview: { proxy, cors: false, headers: SECURITY_HEADERS },
  build: {
    target: 'es2022',
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        // Named vendor chunks, so the size report says what is heavy; zod is only reached from HR pages.
        codeSplitting: {
          groups: [
            { name: 'vendor-zod', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?zod/ },
            { name: 'vendor-trpc', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?@trpc/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
