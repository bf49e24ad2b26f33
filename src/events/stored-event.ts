import type { EventType } from '../../schemas/events.js'
import type { Channel } from '../lib/channel.js'

/** Where an order or refund came from; ids are unique within a source. */
export type Source = 'api' | 'shopify' | 'woocommerce' | 'stripe'

export interface OrderFact {
  id: string
  minor: number
  currency: string
  /**
   * Set by the store: whether this event booked the order (the first of
   * its source and id). Rows stored before the flag existed lack it.
   */
  booked?: boolean
}

export interface RefundFact {
  id: string
  orderId: string
  minor: number
  currency: string
}

export interface RequestFact {
  route: string
  status: number
  durationMs: number
}

/**
 * An event as it is stored and replayed at start: validated, with money in
 * minor units, the session resolved and the channel classified. Raw URLs,
 * referrers and user agents are not kept.
 */
export interface StoredEvent {
  eventId: string | null
  type: EventType
  ts: number
  source: Source
  sessionId: string | null
  sessionDerived: boolean
  visitorId: string | null
  channel: Channel | null
  bot: boolean
  order?: OrderFact
  refund?: RefundFact
  request?: RequestFact
}

/** What storing one event changed. */
export interface Outcome {
  /** The event id was new (or absent): the event counts. */
  fresh: boolean
  /** The event booked an order not seen before. */
  newOrder: boolean
  /** The event booked a refund not seen before. */
  newRefund: boolean
  /** Replayed from the store at start, not just received. */
  restored: boolean
}
