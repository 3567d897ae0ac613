/**
 * Development's Twilio account: the sink accepts it, and the notifications worker uses it until
 * TWILIO_* are set. env.ts refuses to start with them in production.
 */
export const DEV_TWILIO = {
  accountSid: `AC${'0'.repeat(31)}1`,
  authToken: 'dev-twilio-auth-token',
  /** Twilio's magic test number that always succeeds as a sender. */
  from: '+15005550006',
} as const;
