import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_TIME, type TimeOptions } from '@clvkit/core';
import type { EngineLike } from '../engine-like.js';

/**
 * Preact hook: the time zone and week start buckets are computed in. Options given to the
 * widget win; otherwise the engine's (from `engine.ready()`), UTC and Monday until known.
 */
export function useTimeOptions(engine: EngineLike, timeZone?: string, weekStart?: number): TimeOptions {
  const [fromEngine, setFromEngine] = useState<TimeOptions | null>(null);
  useEffect(() => {
    if (timeZone !== undefined || typeof engine.ready !== 'function') return;
    let live = true;
    engine.ready().then(
      (info) => {
        if (live && info?.time) setFromEngine(info.time);
      },
      () => {
        // The engine reports its own failure through the widgets' queries.
      },
    );
    return () => {
      live = false;
    };
  }, [engine, timeZone]);
  return {
    timeZone: timeZone ?? fromEngine?.timeZone ?? DEFAULT_TIME.timeZone,
    weekStart: weekStart ?? fromEngine?.weekStart ?? DEFAULT_TIME.weekStart,
  };
}
