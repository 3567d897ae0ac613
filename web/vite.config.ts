/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { precompress } from './build/precompress.ts';
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
      // The English catalogue is what a first visit loads beside the page (another language's instead, about as big).
      alsoLoaded: ['packages/shared/src/i18n/messages/en.ts'],
      // Brotli as served; what a first visit transfers, headers and all, is the browser test's to add up
      // (docs/adr/0049-first-visit-javascript.md: 60 KB, it was 81 KB gzip in 16 files).
      limitBytes: 60 * 1024,
    }),
    precompress({ headers: SECURITY_HEADERS }),
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
            // What every page (the candidate's first of all) runs before it can say a word: the tRPC client, the
            // message book and the small shared parts, in one file rather than a dozen, each with its own headers
            // on a first visit (docs/adr/0049-first-visit-javascript.md).
            {
              name: 'app-core',
              priority: 1,
              test: /[\\/]node_modules[\\/](\.pnpm[\\/])?(@trpc|intl-messageformat|@formatjs|solid-js[\\/]store)|[\\/]web[\\/]src[\\/](api[\\/]|i18n[\\/]|live[\\/]|ui[\\/](page-title|live-message|create-mutation)|time[\\/](time-zones|zoned-time|format))|[\\/]shared[\\/]src[\\/](errors|i18n[\\/](locales|pseudo-tag|message-book|load-catalogue|capitalized))/,
            },
            { name: 'vendor-zod', test: /[\\/]node_modules[\\/](\.pnpm[\\/])?zod/ },
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
