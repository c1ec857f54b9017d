import { formatCountdown, formatDuration, formatWindow } from './format.js';
import { defaultText } from './text.js';

describe('defaultText', () => {
  it('says a duration in at most two units, largest first', () => {
    expect(formatDuration(0, defaultText)).toBe('0 seconds');
    expect(formatDuration(1, defaultText)).toBe('1 second');
    expect(formatDuration(61, defaultText)).toBe('1 minute 1 second');
    expect(formatDuration(3600, defaultText)).toBe('1 hour');
    expect(formatDuration(3 * 3600 + 5 * 60 + 9, defaultText)).toBe('3 hours 5 minutes');
    expect(formatDuration(86400 + 3600 + 61, defaultText)).toBe('1 day 1 hour');
    expect(formatDuration(7 * 86400 + 59, defaultText)).toBe('7 days');
  });

  it('counts down in the two units that matter', () => {
    expect(formatCountdown(2 * 86400 + 5 * 3600, defaultText)).toBe('2 d 5 h');
    expect(formatCountdown(3600 + 5 * 60, defaultText)).toBe('1 h 05 min');
    expect(formatCountdown(65, defaultText)).toBe('1:05');
  });

  it('names one-unit windows by their unit, others by their duration', () => {
    expect(formatWindow(86400, defaultText)).toBe('per day');
    expect(formatWindow(3600, defaultText)).toBe('per hour');
    expect(formatWindow(60, defaultText)).toBe('per minute');
    expect(formatWindow(7 * 86400, defaultText)).toBe('per 7 days');
  });

  it('makes plurals', () => {
    expect(defaultText.transactions(1, '1')).toBe('1 transaction');
    expect(defaultText.transactions(1200, '1,200')).toBe('1,200 transactions');
    expect(defaultText.revokedAnnouncement(1)).toBe('1 session revoked.');
    expect(defaultText.revokedAnnouncement(3)).toBe('3 sessions revoked.');
  });
});
