import { describe, expect, it } from 'vitest';
import { meetingRoomPlan, roomWindow } from './meeting-rooms';

describe('meetingRoomPlan', () => {
  it('gives Jitsi a link on its server named by the random room, never by the interview id', () => {
    const plan = meetingRoomPlan('jitsi', 'a1b2c3d4e5f6a1b2c3d4e5f6', 'https://meet.example.test/');
    expect(plan).toEqual({ provider: 'jitsi', room: 'interview-a1b2c3d4e5f6a1b2c3d4e5f6', url: 'https://meet.example.test/interview-a1b2c3d4e5f6a1b2c3d4e5f6' });
  });

  it('leaves an API provider without a link until its room exists', () => {
    expect(meetingRoomPlan('daily', 'a1b2c3d4e5f6a1b2c3d4e5f6', 'https://meet.example.test').url).toBeNull();
  });

  it('refuses a room name with too little randomness', () => {
    expect(() => meetingRoomPlan('jitsi', '1234', 'https://meet.example.test')).toThrow(/24 random hex/);
  });
});

describe('roomWindow', () => {
  it('opens the room before the start and closes it after the end, in whole seconds', () => {
    const window = roomWindow({ start: '2030-01-01T10:00:00.000Z', end: '2030-01-01T10:30:00.000Z' }, 15 * 60_000, 60 * 60_000);
    expect(window).toEqual({ nbf: Date.parse('2030-01-01T09:45:00Z') / 1000, exp: Date.parse('2030-01-01T11:30:00Z') / 1000 });
  });
});
