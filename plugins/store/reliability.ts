/**
 * What the `errors` plugin keeps in the store: probe results (for the
 * latency window at start), each target's down/up state, its all-time
 * failure count, and the down minutes, per target and store-wide. Minutes
 * are keyed by their index, so storing one twice (after a restart, or by
 * two targets down at once) counts it once.
 */
export type ProbeOutcome = 'ok' | 'http_error' | 'timeout' | 'network'

export interface ProbeRecord {
  target: string
  ts: number
  durationMs: number
  /** HTTP status, or 0 when no answer came. */
  status: number
  outcome: ProbeOutcome
  failed: boolean
}

export interface TargetStateRecord {
  target: string
  health: 'unknown' | 'up' | 'down'
  failures: number
  failingSince: number | null
  countedThrough: number | null
}

export interface DownMinutes {
  from: number
  to: number
}

export interface ProbeBooking {
  /** Minutes not down before for any target. */
  newMinutes: number
  /** Minutes not down before for this target. */
  newTargetMinutes: number
}

export interface TargetTotals {
  target: string
  failures: number
  downtimeMinutes: number
  state: TargetStateRecord
}

export interface ReliabilityTotals {
  /** Reported `request` events (bots excluded) with status 0 or >= 500. */
  reportedFailures: number
  /** Failed probes of every target ever probed. */
  probeFailures: number
  /** Distinct minutes in which any target was down. */
  downtimeMinutes: number
  targets: TargetTotals[]
}

export interface ReliabilityStore {
  /**
   * Stores one probe result with the target's new state and the minutes
   * it was newly found down, atomically.
   */
  recordProbe (probe: ProbeRecord, state: TargetStateRecord,
    down: DownMinutes | null): Promise<ProbeBooking>
  /** Probe results at or after `sinceTs`, oldest first. */
  probesSince (sinceTs: number): Promise<ProbeRecord[]>
  /** Drops probe results older than `beforeTs`; counts are kept apart. */
  pruneProbes (beforeTs: number): Promise<void>
  reliabilityTotals (): Promise<ReliabilityTotals>
}
