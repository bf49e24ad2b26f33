/**
 * The down/up state machine of one probed target and the downtime minutes
 * it implies. Pure: the plugin persists what it returns.
 *
 * A "minute" is a wall-clock minute of the epoch, index floor(ts / 60000).
 * A target is down over [first failure of the run, first success); every
 * minute that interval touches counts, once, however many targets or
 * restarts overlap it. While the outage is open, minutes are counted up to
 * the minute of the latest failed probe.
 */
export const MINUTE_MS = 60_000

export type Health = 'unknown' | 'up' | 'down'

export interface TargetState {
  health: Health
  /** Failed probes in a row, up to now. */
  failures: number
  /** Time of the first failure of the current run, or null. */
  failingSince: number | null
  /** Last minute index already counted for the open outage, or null. */
  countedThrough: number | null
}

/** Minute indices from..to, both included. */
export interface MinuteRange {
  from: number
  to: number
}

export interface Step {
  state: TargetState
  /** Minutes newly known to be down, or null. */
  down: MinuteRange | null
  /** Set when the target turned down or up with this probe. */
  changed: 'down' | 'up' | null
}

export const INITIAL_STATE: TargetState = Object.freeze({
  health: 'unknown',
  failures: 0,
  failingSince: null,
  countedThrough: null
})

export function minuteOf (ts: number): number {
  return Math.floor(ts / MINUTE_MS)
}

export function rangeSize (range: MinuteRange | null): number {
  return range === null ? 0 : range.to - range.from + 1
}

// Minutes touched by [since, until], minus those already counted.
function uncounted (since: number, until: number,
  countedThrough: number | null): MinuteRange | null {
  const from = Math.max(minuteOf(since), (countedThrough ?? -Infinity) + 1)
  const to = minuteOf(until)
  return from <= to ? { from, to } : null
}

/** Applies one probe result taken at `ts`. */
export function step (prev: TargetState, ok: boolean, ts: number): Step {
  if (ok) {
    const state: TargetState = {
      health: 'up', failures: 0, failingSince: null, countedThrough: null
    }
    if (prev.health !== 'down' || prev.failingSince === null) {
      return { state, down: null, changed: null }
    }
    // The success itself is up: the outage ends just before it.
    const down = ts - 1 >= prev.failingSince
      ? uncounted(prev.failingSince, ts - 1, prev.countedThrough)
      : null
    return { state, down, changed: 'up' }
  }

  const failures = prev.failures + 1
  const failingSince = prev.failingSince ?? ts
  if (prev.health !== 'down' && failures < 2) {
    return {
      state: { ...prev, failures, failingSince },
      down: null,
      changed: null
    }
  }
  const down = uncounted(failingSince, ts, prev.countedThrough)
  return {
    state: {
      health: 'down',
      failures,
      failingSince,
      countedThrough: down === null ? prev.countedThrough : down.to
    },
    down,
    changed: prev.health === 'down' ? null : 'down'
  }
}
