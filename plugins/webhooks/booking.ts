import { badField } from '../../src/errors.js'
import type {
  OrderFact, RefundFact, Source, StoredEvent
} from '../../src/events/stored-event.js'
import { isCurrency } from '../../src/lib/currencies.js'
import { MoneyError, toMinorUnits } from '../../src/lib/money.js'
import { text, type Json } from './fields.js'

/**
 * The events table keeps one namespace of event ids for every source, so
 * a platform's delivery id is prefixed with the platform; one delivery
 * that books several things gives each its own suffix.
 */
export function eventIdOf (source: Source, delivery: string | undefined,
  part: string): string | null {
  if (delivery === undefined || delivery === '') return null
  return `${source}:${delivery}:${part}`
}

function base (source: Source, eventId: string | null, ts: number) {
  return {
    eventId,
    ts,
    source,
    sessionId: null,
    sessionDerived: false,
    visitorId: null,
    channel: null,
    bot: false
  }
}

export function orderEvent (source: Source, eventId: string | null, ts: number,
  order: OrderFact): StoredEvent {
  return { ...base(source, eventId, ts), type: 'order_completed', order }
}

export function refundEvent (source: Source, eventId: string | null, ts: number,
  refund: RefundFact): StoredEvent {
  return { ...base(source, eventId, ts), type: 'order_refunded', refund }
}

export function currencyOf (body: Json, key: string, at = ''): string {
  const code = text(body, key, at).toUpperCase()
  if (!isCurrency(code)) throw badField(at + key, 'must be an ISO 4217 currency')
  return code
}

/** A decimal money string ("409.94") as exact minor units. */
export function decimalMinor (body: Json, key: string, currency: string,
  at = ''): number {
  const value = body[key]
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw badField(at + key, 'must be a decimal amount like "19.99"')
  }
  try {
    return toMinorUnits(value, currency)
  } catch (err) {
    if (err instanceof MoneyError) throw badField(at + key, err.rule)
    throw err
  }
}
