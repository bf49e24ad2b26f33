import type { Outcome, StoredEvent } from '../../src/events/stored-event.js'
import type { ReliabilityStore } from './reliability.js'

export interface CurrencyTotals {
  currency: string
  orders: number
  revenueMinor: number
  refundsMinor: number
}

export interface Totals {
  byCurrency: CurrencyTotals[]
  lastOrderTs: number | null
  bots: number
}

/**
 * Where acknowledged events live. Asynchronous so that a networked database
 * can stand behind it; the plugins never see which one it is.
 */
export interface Store extends ReliabilityStore {
  readonly kind: string
  /**
   * Stores a batch atomically: all of it or none. Events whose id was seen
   * before, orders and refunds already booked are recognised here, in the
   * same transaction, so that two copies racing each other count once.
   * A refund of a known order is lowered to what is left of that order.
   */
  append (events: StoredEvent[]): Promise<Outcome[]>
  /**
   * What rebuilds the windows at start: the events at or after `sinceTs`
   * and every earlier event of their sessions, so a session that began
   * before the window keeps its first channel and its order. Oldest first.
   */
  windowEvents (sinceTs: number): Promise<StoredEvent[]>
  /** All-time order, revenue and refund totals, to rebuild the counters. */
  totals (): Promise<Totals>
  /** Proves the store can take a write now; throws when it cannot. */
  check (): Promise<void>
  close (): Promise<void>
}
