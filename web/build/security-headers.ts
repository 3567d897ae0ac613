/**
 * The headers every page of the web app is served with, by Vite's preview server here and by
 * nginx in production (web/nginx.conf carries the same values; a test keeps them equal). Scripts
 * and styles come only from the app's own files: the built Solid app has no inline script.
 * Candidate and scorecard links carry their token in the path, so no page sends a Referer.
 * Images may come from any https address: a hiring team's logo is where its owner put it (docs/adr/0076).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
