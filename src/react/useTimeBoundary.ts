'use client';
import { useEffect, useReducer } from 'react';
import type { SessionConfig } from '../core/actions/index.js';

/**
 * Re-renders once the config's clock reaches `boundary` (unix seconds). A subscribable clock (a simulated
 * chain's) is listened to, since its time jumps; otherwise one timer is set for the moment it is due.
 */
export function useTimeBoundary(config: SessionConfig, boundary: number | undefined): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (boundary === undefined) return;
    const { clock } = config;
    if (clock) {
      if (clock.now() >= boundary) rerender();
      return clock.subscribe(() => {
        if (clock.now() >= boundary) rerender();
      });
    }
    const timer = setTimeout(rerender, Math.max(0, (boundary - config.now()) * 1000) + 50);
    return () => clearTimeout(timer);
  }, [boundary, config]);
}
