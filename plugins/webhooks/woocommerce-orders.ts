import { badField } from '../../src/errors.js'
import type { StoredEvent } from '../../src/events/stored-event.js'
import { MoneyError, toMinorUnits } from '../../src/lib/money.js'
import {
  currencyOf, decimalMinor, eventIdOf, orderEvent, refundEvent
} from './booking.js'
import { array, gmtTime, id, isObject, type Json } from './fields.js'

// Woo's statuses for an order whose payment went through. "refunded" was
// paid first; on-hold waits for a bank transfer and is not paid yet.
const PAID = new Set(['processing', 'completed', 'refunded'])

function nullable (body: Json, key: string): boolean {
  return body[key] === undefined || body[key] === null || body[key] === ''
}

/** The order's refunds list: ids and negative decimal totals ("-5.00"). */
function refunds (order: Json, orderId: string, currency: string, ts: number,
  delivery: string | undefined): { events: StoredEvent[], minor: number } {
  const events: StoredEvent[] = []
  let minor = 0
  array(order, 'refunds').forEach((item, i) => {
    const at = `refunds[${i}].`
    if (!isObject(item)) throw badField(`refunds[${i}]`, 'must be an object')
    const total = item.total
    if (typeof total !== 'string' && typeof total !== 'number') {
      throw badField(`${at}total`, 'must be a decimal amount')
    }
    let amount: number
    try {
      amount = toMinorUnits(String(total).trim().replace(/^-/, ''), currency)
    } catch (err) {
      if (err instanceof MoneyError) throw badField(`${at}total`, err.rule)
      throw err
    }
    if (amount === 0) return
    const refundId = id(item, 'id', at)
    minor += amount
    events.push(refundEvent('woocommerce',
      eventIdOf('woocommerce', delivery, `refund-${refundId}`), ts,
      { id: refundId, orderId, minor: amount, currency }))
  })
  return { events, minor }
}

/**
 * What one order.created / order.updated delivery books. Woo sends the
 * whole order each time, so every delivery books the order (once per id)
 * and each refund it lists (once per refund id); which delivery arrives
 * first does not matter. A paid order later cancelled is taken back by a
 * refund of what its refunds do not already cover, once per order.
 */
export function wooEvents (topic: string | undefined, order: Json,
  delivery: string | undefined): StoredEvent[] {
  if (topic !== 'order.created' && topic !== 'order.updated') return []
  const status = order.status
  if (typeof status !== 'string') throw badField('status', 'must be a string')
  const cancelledAfterPaying = status === 'cancelled' && !nullable(order, 'date_paid_gmt')
  if (!PAID.has(status) && !cancelledAfterPaying) return []

  const orderId = id(order, 'id')
  const currency = currencyOf(order, 'currency')
  const minor = decimalMinor(order, 'total', currency)
  const paidAt = nullable(order, 'date_paid_gmt')
    ? gmtTime(order, 'date_created_gmt')
    : gmtTime(order, 'date_paid_gmt')
  // Refunds carry no date in the order body; the order's last change is
  // the closest the delivery tells.
  const changedAt = nullable(order, 'date_modified_gmt')
    ? paidAt
    : gmtTime(order, 'date_modified_gmt')

  const events = [orderEvent('woocommerce', eventIdOf('woocommerce', delivery, 'order'),
    paidAt, { id: orderId, minor, currency })]
  const refunded = refunds(order, orderId, currency, changedAt, delivery)
  events.push(...refunded.events)
  if (cancelledAfterPaying && minor > refunded.minor) {
    events.push(refundEvent('woocommerce',
      eventIdOf('woocommerce', delivery, 'cancel'), changedAt, {
        id: `cancel-${orderId}`, orderId, minor: minor - refunded.minor, currency
      }))
  }
  return events
}
