import { TestnetUsageError } from '../errors.js';

/** The chain's clock: unix seconds that move only when the test says so. */
export class Clock {
  private seconds: number;
  private readonly listeners = new Set<(now: number) => void>();

  constructor(startTime: number) {
    if (!Number.isSafeInteger(startTime) || startTime < 0) {
      throw new TestnetUsageError('startTime must be unix seconds (a non-negative integer).', {
        details: String(startTime),
      });
    }
    this.seconds = startTime;
  }

  now(): number {
    return this.seconds;
  }

  advance(seconds: number): void {
    if (!Number.isSafeInteger(seconds) || seconds < 0) {
      throw new TestnetUsageError('advanceTime takes a non-negative whole number of seconds.', {
        details: String(seconds),
      });
    }
    this.set(this.seconds + seconds);
  }

  set(time: number): void {
    if (!Number.isSafeInteger(time) || time < this.seconds) {
      throw new TestnetUsageError('The chain clock only moves forward (block timestamps never decrease).', {
        details: `now ${this.seconds}, asked ${time}`,
      });
    }
    if (time === this.seconds) return;
    this.seconds = time;
    for (const l of this.listeners) l(time);
  }

  onChange(listener: (now: number) => void): void {
    this.listeners.add(listener);
  }

  /** Like onChange, with a way out: what a `SessionClock` (the config's `now`) offers to hooks. */
  subscribe(listener: () => void): () => void {
    const wrapped = () => listener();
    this.listeners.add(wrapped);
    return () => {
      this.listeners.delete(wrapped);
    };
  }
}
