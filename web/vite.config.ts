/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { routeBudget } from './build/route-budget.ts';
import { SECURITY_HEADERS } from './build/security-headers.ts';

// The SPA talks to booking only through these two prefixes; in dev and preview Vite forwards them
// so the session cookie stays first-party. No X-Forwarded-For: booking trusts none from loopback
// (TRUST_PROXY), so here every local user shares one address, as they do.
const bookingUrl = process.env.BOOKING_URL ?? 'http://127.0.0.1:3000';
const proxy = {
  '/trpc': { target: bookingUrl, changeOrigin: true },
  '/api': { target: bookingUrl, changeOrigin: true },
};

export default defineConfig({
  plugins: [
    solid(),
    routeBudget({
      route: '/b/:token',
      module: 'src/candidate/candidate-page.tsx',
      limitBytes: 40 * 1024,
    }),
  ],
  server: { proxy },
  preview: { proxy, headers: SECURITY_HEADERS },
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
