import { describe, expect, it } from 'vitest';
import { loadEnv } from './env';

const REAL_KEYS = `prod-1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('the booking service environment', () => {
  it('starts in development pointing at the local database, Temporal, task queues and web app', () => {
    expect(loadEnv({})).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      BOOKING_PORT: 3000,
      MONGO_URL: 'mongodb://127.0.0.1:27017/portal',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      LIFECYCLE_TASK_QUEUE: 'interview-lifecycle',
      NOTIFICATIONS_TASK_QUEUE: 'notifications',
      PUBLIC_WEB_URL: 'http://localhost:5173',
      JITSI_BASE_URL: 'https://meet.jit.si',
      HR_CONTACT_EMAIL: 'hr@example.test',
    });
  });

  it('takes a slot step and an interview length in whole seconds, written as minutes, and refuses a part of a second', () => {
    const env = loadEnv({ SLOT_STEP_MINUTES: String(5 / 60), INTERVIEW_DURATION_MINUTES: String(20 / 60) });
    expect(env.SLOT_STEP_MINUTES * 60).toBeCloseTo(5, 9);
    expect(env.INTERVIEW_DURATION_MINUTES).toBeCloseTo(1 / 3, 9);
    expect(loadEnv({}).SLOT_STEP_MINUTES).toBe(15);
    expect(() => loadEnv({ SLOT_STEP_MINUTES: String(0.5 / 60), INTERVIEW_DURATION_MINUTES: '0' })).toThrow(/SLOT_STEP_MINUTES[\s\S]*INTERVIEW_DURATION_MINUTES/);
  });

  it('names every bad variable at once, shared ones and its own', () => {
    expect(() => loadEnv({ MONGO_URL: 'postgres://db', PUBLIC_WEB_URL: 'web', BOOKING_PORT: '70000', HR_CONTACT_EMAIL: 'hr' })).toThrow(
      /MONGO_URL[\s\S]*HR_CONTACT_EMAIL[\s\S]*PUBLIC_WEB_URL[\s\S]*BOOKING_PORT/,
    );
  });

  it('refuses every development secret in production, the payload keys among them, and starts once each is real', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_KEYS[\s\S]*TOKEN_PUBLIC_KEY[\s\S]*HR_ADMIN_PASSWORD[\s\S]*CALENDAR_SECRET_KEY/);
    const env = loadEnv({
      NODE_ENV: 'production',
      PAYLOAD_KEYS: REAL_KEYS,
      TOKEN_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nreal\n-----END PUBLIC KEY-----',
      HR_ADMIN_PASSWORD: 'a-real-admin-password',
      CALENDAR_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
    });
    expect(env.NODE_ENV).toBe('production');
  });
});
