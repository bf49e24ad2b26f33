import { badField } from '../../src/errors.js'
import type { OrderFact, StoredEvent } from '../../src/events/stored-event.js'
import {
  currencyOf, decimalMinor, eventIdOf, orderEvent, refundEvent
} from './booking.js'
import {
  array, id, isObject, optionalText, zonedTime, type Json
} from './fields.js'

export const SHOPIFY_TOPICS = [
  'orders/create', 'orders/paid', 'orders/cancelled', 'refunds/create'
] as const

// No money was taken or promised: an order in these states is not a sale.
// "authorized" is booked, as Shopify's own sales reports count it.
const UNPAID = new Set(['pending', 'voided', 'expired'])
// A cancelled order in these states never booked anything to take back.
const NEVER_BOOKED = new Set(['pending', 'expired'])

/**
 * Webhook bodies are the bare object; REST fixtures and some relays wrap it
 * as {"order": {...}}. Both are accepted.
 */
function unwrap (body: Json, key: string): Json {
  const inner = body[key]
  return body.id === undefined && isObject(inner) ? inner : body
}

function orderTime (order: Json): number {
  // processed_at is when the sale happened (imported orders keep their
  // original date there); created_at is when Shopify recorded it.
  return order.processed_at !== undefined && order.processed_at !== null
    ? zonedTime(order, 'processed_at')
    : zonedTime(order, 'created_at')
}

function orderFact (order: Json): OrderFact {
  const currency = currencyOf(order, 'currency')
  return {
    id: id(order, 'id'),
    currency,
    minor: decimalMinor(order, 'total_price', currency)
  }
}

interface Refunded { minor: number, currency: string | undefined }

// Apps that proxy Shopify payloads sometimes send the flag as text.
function isTest (flag: unknown): boolean {
  return flag === true || flag === 'true'
}

/**
 * Money a refund returned: its successful, non-test transactions of kind
 * refund. Line items and adjustments only describe what was refunded;
 * the transactions are the money that moved.
 */
function refundedBy (refund: Json, fallbackCurrency: string | undefined,
  at: string): Refunded {
  let minor = 0
  let currency: string | undefined
  array(refund, 'transactions', at).forEach((item, i) => {
    const tat = `${at}transactions[${i}].`
    if (!isObject(item)) throw badField(tat.slice(0, -1), 'must be an object')
    if (item.kind !== 'refund' || isTest(item.test)) return
    if (item.status !== undefined && item.status !== 'success') return
    const code = item.currency === undefined || item.currency === null
      ? fallbackCurrency
      : currencyOf(item, 'currency', tat)
    if (code === undefined) throw badField(`${tat}currency`, 'is required')
    if (currency !== undefined && code !== currency) {
      throw badField(`${tat}currency`, 'differs from the other transactions')
    }
    currency = code
    minor += decimalMinor(item, 'amount', code, tat)
  })
  return { minor, currency }
}

function fromRefund (body: Json, delivery: string | undefined): StoredEvent[] {
  const refund = unwrap(body, 'refund')
  const fallback = optionalText(refund, 'currency')?.toUpperCase()
  const { minor, currency } = refundedBy(refund, fallback, '')
  if (minor === 0 || currency === undefined) return []
  const ts = refund.processed_at !== undefined && refund.processed_at !== null
    ? zonedTime(refund, 'processed_at')
    : zonedTime(refund, 'created_at')
  return [refundEvent('shopify', eventIdOf('shopify', delivery, 'refund'), ts, {
    id: id(refund, 'id'),
    orderId: id(refund, 'order_id'),
    minor,
    currency
  })]
}

/**
 * A cancelled order stops being revenue. Shopify may or may not refund it
 * (refunds/create books those on their own ids), so the cancellation books
 * the rest: total minus the refunds the order already lists, under one
 * refund id per order, so a repeated cancellation books nothing more. The
 * order itself is booked too (a no-op when orders/create already did), so
 * the refund never stands against an order that was never counted.
 */
function fromCancellation (order: Json, delivery: string | undefined): StoredEvent[] {
  const status = order.financial_status
  if (typeof status === 'string' && NEVER_BOOKED.has(status)) return []
  const fact = orderFact(order)
  let refunded = 0
  array(order, 'refunds').forEach((item, i) => {
    if (!isObject(item)) throw badField(`refunds[${i}]`, 'must be an object')
    const done = refundedBy(item, fact.currency, `refunds[${i}].`)
    if (done.currency === fact.currency) refunded += done.minor
  })
  const events = [orderEvent('shopify', eventIdOf('shopify', delivery, 'order'),
    orderTime(order), fact)]
  const rest = fact.minor - refunded
  if (rest > 0) {
    events.push(refundEvent('shopify', eventIdOf('shopify', delivery, 'cancel'),
      zonedTime(order, 'cancelled_at'), {
        id: `cancel-${fact.id}`, orderId: fact.id, minor: rest, currency: fact.currency
      }))
  }
  return events
}

/** What one Shopify delivery books, by its X-Shopify-Topic. */
export function shopifyEvents (topic: string | undefined, body: Json,
  delivery: string | undefined): StoredEvent[] {
  if (topic === 'refunds/create') return fromRefund(body, delivery)
  if (topic !== 'orders/create' && topic !== 'orders/paid' &&
    topic !== 'orders/cancelled') return []

  const order = unwrap(body, 'order')
  if (isTest(order.test)) return []
  if (topic === 'orders/cancelled') return fromCancellation(order, delivery)

  const status = order.financial_status
  if (typeof status === 'string' && UNPAID.has(status)) return []
  return [orderEvent('shopify', eventIdOf('shopify', delivery, 'order'),
    orderTime(order), orderFact(order))]
}
