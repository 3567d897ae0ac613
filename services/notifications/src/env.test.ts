import { describe, expect, it } from 'vitest';
import { loadEnv, loadSinkEnv } from './env';

const REAL_TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'a-real-auth-token',
  TWILIO_FROM: '+14155552671',
  TWILIO_API_BASE_URL: 'https://api.twilio.com',
};

describe('loadEnv', () => {
  it('starts in development with defaults pointing at the local sink and services', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      MONGO_URL: 'mongodb://127.0.0.1:27017/portal',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      NOTIFICATIONS_PORT: 3200,
      POSTMARK_API_URL: 'http://127.0.0.1:3100',
      EMAIL_FROM: 'Interviews <interviews@example.test>',
      HR_CONTACT_EMAIL: 'hr@example.test',
    });
    expect(loadSinkEnv({}).SINK_PORT).toBe(3100);
  });

  it('refuses the development Postmark token and webhook credentials in production, naming each', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/POSTMARK_SERVER_TOKEN[\s\S]*WEBHOOK_USER[\s\S]*WEBHOOK_PASSWORD[\s\S]*PAYLOAD_KEYS/);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        POSTMARK_SERVER_TOKEN: 'real',
        WEBHOOK_USER: 'hooks',
        WEBHOOK_PASSWORD: 'long-real-secret',
        POSTMARK_API_URL: 'https://api.postmarkapp.com',
        PAYLOAD_KEYS: `prod-1:${Buffer.alloc(32, 7).toString('base64')}`,
        ...REAL_TWILIO,
      }),
    ).not.toThrow();
  });

  it('refuses the development Twilio account, number and the sink as its API in production, naming each', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/TWILIO_ACCOUNT_SID[\s\S]*TWILIO_AUTH_TOKEN[\s\S]*TWILIO_FROM[\s\S]*TWILIO_API_BASE_URL/);
    expect(loadEnv({ ...REAL_TWILIO, TWILIO_FROM: '+4915123456789' }).TWILIO_FROM).toBe('+4915123456789');
    expect(() => loadEnv({ TWILIO_FROM: '0151 2345', TWILIO_ACCOUNT_SID: 'nope' })).toThrow(/TWILIO_ACCOUNT_SID[\s\S]*TWILIO_FROM/);
  });

  it('refuses payload keys that are not id:base64 of 32 bytes, saying why', () => {
    expect(() => loadEnv({ PAYLOAD_KEYS: 'k1:c2hvcnQ=' })).toThrow(/PAYLOAD_KEYS[\s\S]*32/);
  });

  it('names every bad variable at once', () => {
    expect(() => loadEnv({ NOTIFICATIONS_PORT: 'http', POSTMARK_API_URL: 'http://127.0.0.1:3100/v1', EMAIL_FROM: 'nobody' })).toThrow(
      /NOTIFICATIONS_PORT[\s\S]*POSTMARK_API_URL[\s\S]*EMAIL_FROM/,
    );
  });
});
