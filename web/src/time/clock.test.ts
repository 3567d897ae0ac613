import { describe, expect, it } from 'vitest';
import { cityOf, dayAndTime, offsetMinutes, utcOffset, zoneTag } from './clock';

const AT = new Date('2026-11-24T01:15:00Z');

describe('candidate clock formats', () => {
  it('names the confirm bar slot with weekday, day, month and time in the chosen zone and clock', () => {
    expect(dayAndTime(AT.toISOString(), 'Asia/Tokyo', 'h23', 'en-GB')).toBe('Tue 24 Nov, 10:15');
    expect(dayAndTime(AT.toISOString(), 'America/New_York', 'h12', 'en-GB')).toBe('Mon 23 Nov, 8:15 pm');
  });

  it('gives the UTC offset of a zone, half hours included, and sorts by it', () => {
    expect(utcOffset('Asia/Tokyo', AT)).toBe('GMT+9');
    expect(utcOffset('Asia/Kolkata', AT)).toBe('GMT+5:30');
    expect(offsetMinutes('America/St_Johns', AT)).toBe(-210);
    expect(offsetMinutes('UTC', AT)).toBe(0);
  });

  it('shows a city people recognise and tags a zone the way emails do', () => {
    expect(cityOf('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneTag('Asia/Tokyo', AT)).toBe('(Asia/Tokyo, GMT+9)');
  });
});
