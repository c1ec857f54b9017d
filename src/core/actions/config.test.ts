import { createSessionConfig } from './config.js';

describe('createSessionConfig({ now })', () => {
  it('takes a subscribable clock: reads its time and keeps it for the hooks to listen to', () => {
    let t = 1_000;
    const clock = { now: () => t, subscribe: () => () => {} };
    const config = createSessionConfig({ now: clock });
    t = 2_000;
    expect(config.now()).toBe(2_000);
    expect(config.clock).toBe(clock);
  });

  it('takes a plain function or nothing: no clock to listen to, the system clock by default', () => {
    expect(createSessionConfig({ now: () => 5 }).now()).toBe(5);
    expect(createSessionConfig({ now: () => 5 }).clock).toBeUndefined();
    const system = createSessionConfig().now();
    expect(Math.abs(system - Date.now() / 1000)).toBeLessThan(5);
  });
});
