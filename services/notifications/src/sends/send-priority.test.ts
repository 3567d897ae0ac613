import { describe, expect, it } from 'vitest';
import { sendPriority } from './send-priority';

/** Resolves with what happened so far once every promise already settled has run its callbacks. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('a moment’s sends before the writes that record them', () => {
  it('holds a write while a send due now is running, and lets it go the moment the send ends', async () => {
    const priority = sendPriority(60_000);
    const order: string[] = [];
    let finishSend = () => {};
    const send = priority.urgent(async () => {
      order.push('send started');
      await new Promise<void>((resolve) => (finishSend = resolve));
      order.push('send ended');
    });
    const write = priority.untilQuiet().then(() => order.push('write'));
    await settled();
    expect(order).toEqual(['send started']);
    finishSend();
    await Promise.all([send, write]);
    expect(order).toEqual(['send started', 'send ended', 'write']);
  });

  it('waits for every send running, not only the first to end', async () => {
    const priority = sendPriority(60_000);
    const ends: (() => void)[] = [];
    const sends = [1, 2].map(() => priority.urgent(() => new Promise<void>((resolve) => ends.push(resolve))));
    let written = false;
    const write = priority.untilQuiet().then(() => (written = true));
    ends[0]?.();
    await settled();
    expect(written).toBe(false);
    ends[1]?.();
    await Promise.all([...sends, write]);
    expect(written).toBe(true);
  });

  it('lets a write go at once when nothing is being sent, and after a failed send as after one that went', async () => {
    const priority = sendPriority(60_000);
    await priority.untilQuiet();
    await expect(priority.urgent(() => Promise.reject(new Error('Twilio is down')))).rejects.toThrow('Twilio is down');
    await priority.untilQuiet();
  });

  it('never holds a write longer than its bound, so a delivery report is answered in time', async () => {
    const priority = sendPriority(50);
    let finishSend = () => {};
    const send = priority.urgent(() => new Promise<void>((resolve) => (finishSend = resolve)));
    const asked = Date.now();
    await priority.untilQuiet();
    expect(Date.now() - asked).toBeGreaterThanOrEqual(45);
    finishSend();
    await send;
  });

  it('lets the records of a moment that sends past their wait go a few at a time, never all at once beside its sends', async () => {
    const priority = sendPriority(10, 3);
    let endMoment = () => {};
    const moment = priority.urgent(() => new Promise<void>((resolve) => (endMoment = resolve)));
    let writing = 0;
    let most = 0;
    const records = Array.from({ length: 12 }, () =>
      priority.afterSends(async () => {
        writing += 1;
        most = Math.max(most, writing);
        await new Promise((resolve) => setTimeout(resolve, 5));
        writing -= 1;
      }),
    );
    await Promise.all(records);
    expect(most).toBe(3);
    endMoment();
    await moment;
  });
});

