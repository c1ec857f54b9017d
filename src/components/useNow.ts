'use client';
import { useEffect, useState } from 'react';

/** Unix seconds: a fixed number (stories, screenshots) or a clock read every second (live countdowns). */
export type TimeSource = number | (() => number);

const systemClock = () => Math.floor(Date.now() / 1000);

/**
 * The current time from `source`. A number is returned as is; a clock is re-read every second while
 * `live` is true, so countdowns tick without the parent re-rendering.
 */
export function useNow(source: TimeSource | undefined, live: boolean): number {
  const clock = typeof source === 'function' ? source : source === undefined ? systemClock : undefined;
  const [now, setNow] = useState(() => (clock ? clock() : (source as number)));
  useEffect(() => {
    if (!clock || !live) return;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), 1000);
    return () => clearInterval(timer);
  }, [clock, live]);
  return clock ? now : (source as number);
}
