import type { EventInput } from '../../schemas/events.js'

/**
 * One event read from a replay file, at its original time. The replay
 * shifts `ts` and sets the event's timestamp when it sends it.
 */
export interface ReplayRecord {
  /** Original event time, ms since the epoch. */
  ts: number
  event: Omit<EventInput, 'timestamp'>
}
