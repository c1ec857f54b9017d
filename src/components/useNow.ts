'use client';
import { useEffect, useState } from 'react';
import type { SessionClock } from '../core/actions/index.js';

/**
 * Unix seconds: a fixed number (stories, screenshots), a function read every second (live countdowns),
 * or a clock that says when it moves (a simulated chain's `testnet.clock`).
 */
export type TimeSource = number | (() => number) | SessionClock;

const systemClock = () => Math.floor(Date.now() / 1000);

/**
 * The current time from `source`. A number is returned as is; a function is re-read every second while
 * `live` is true, so countdowns tick without the parent re-rendering; a clock is re-read when it moves.
 */
export function useNow(source: TimeSource | undefined, live: boolean): number {
  const clock = typeof source === 'object' ? source : undefined;
  const read = typeof source === 'function' ? source : source === undefined ? systemClock : undefined;
  const [now, setNow] = useState(() => (clock ? clock.now() : read ? read() : (source as number)));
  useEffect(() => {
    if (clock) {
      setNow(clock.now());
      return clock.subscribe(() => setNow(clock.now()));
    }
    if (!read || !live) return;
    setNow(read());
    const timer = setInterval(() => setNow(read()), 1000);
    return () => clearInterval(timer);
  }, [clock, read, live]);
  return clock || read ? now : (source as number);
}
