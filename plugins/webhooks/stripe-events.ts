import { badField } from '../../src/errors.js'
import type { StoredEvent } from '../../src/events/stored-event.js'
import { currencyOf, eventIdOf, orderEvent, refundEvent } from './booking.js'
import {
  array, boolean, integer, isObject, object, text, unixTime, type Json
} from './fields.js'
import { stripeToMinor } from './stripe-money.js'

interface Context { eventId: string, ts: number }

function amount (body: Json, key: string, currency: string, at: string): number {
  return stripeToMinor(integer(body, key, at), currency, at + key)
}

/** An expandable reference: the id, or the expanded object's id. */
function ref (body: Json, key: string, at: string): string | undefined {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string' && value !== '') return value
  if (isObject(value)) return text(value, 'id', `${at}${key}.`)
  throw badField(at + key, 'must be an id or an object with one')
}

/**
 * The payment intent is the payment; a checkout session and its intent
 * describe the same one, so both book under the intent's id. A session
 * without an intent (e.g. a subscription's first invoice) stands alone.
 */
function fromSession (session: Json, ctx: Context): StoredEvent[] {
  const at = 'data.object.'
  if (session.payment_status !== 'paid') return []
  const currency = currencyOf(session, 'currency', at)
  const minor = amount(session, 'amount_total', currency, at)
  if (minor === 0) return []
  const id = ref(session, 'payment_intent', at) ?? text(session, 'id', at)
  return [orderEvent('stripe', eventIdOf('stripe', ctx.eventId, 'order'), ctx.ts,
    { id, minor, currency })]
}

function fromIntent (intent: Json, ctx: Context): StoredEvent[] {
  const at = 'data.object.'
  // The event type alone proves nothing; the object's status does.
  if (intent.status !== 'succeeded') return []
  const currency = currencyOf(intent, 'currency', at)
  const minor = amount(intent, 'amount_received', currency, at)
  if (minor === 0) return []
  return [orderEvent('stripe', eventIdOf('stripe', ctx.eventId, 'order'), ctx.ts,
    { id: text(intent, 'id', at), minor, currency })]
}

/**
 * Each refund in the charge's list books once by its id, so the events of
 * later partial refunds, which list the earlier ones too, add only the
 * new ones. API versions from 2022-11-15 omit the list; then the change in
 * amount_refunded is booked, keyed by the charge and that change.
 */
function fromCharge (charge: Json, previous: Json, ctx: Context): StoredEvent[] {
  const at = 'data.object.'
  const chargeId = text(charge, 'id', at)
  const orderId = ref(charge, 'payment_intent', at) ?? chargeId
  const currency = currencyOf(charge, 'currency', at)
  const list = isObject(charge.refunds)
    ? array(charge.refunds, 'data', `${at}refunds.`)
    : []

  if (list.length === 0) {
    const total = amount(charge, 'amount_refunded', currency, at)
    const before = typeof previous.amount_refunded === 'number'
      ? amount(previous, 'amount_refunded', currency, 'data.previous_attributes.')
      : 0
    if (total <= before) return []
    return [refundEvent('stripe', eventIdOf('stripe', ctx.eventId, 'refund'), ctx.ts, {
      id: `${chargeId}:${before}-${total}`, orderId, minor: total - before, currency
    })]
  }

  const events: StoredEvent[] = []
  list.forEach((item, i) => {
    const rat = `${at}refunds.data[${i}].`
    if (!isObject(item)) throw badField(rat.slice(0, -1), 'must be an object')
    // Pending refunds are in amount_refunded too; failed and canceled not.
    if (item.status !== 'succeeded' && item.status !== 'pending') return
    const refundId = text(item, 'id', rat)
    const code = item.currency === undefined
      ? currency
      : currencyOf(item, 'currency', rat)
    const minor = amount(item, 'amount', code, rat)
    if (minor === 0) return
    const ts = typeof item.created === 'number' ? unixTime(item, 'created', rat) : ctx.ts
    events.push(refundEvent('stripe',
      eventIdOf('stripe', ctx.eventId, `refund-${refundId}`), ts,
      { id: refundId, orderId, minor, currency: code }))
  })
  return events
}

/** What one Stripe event books; test-mode events book nothing. */
export function stripeEvents (event: Json): StoredEvent[] {
  const type = text(event, 'type')
  const handled = type === 'checkout.session.completed' ||
    type === 'checkout.session.async_payment_succeeded' ||
    type === 'payment_intent.succeeded' || type === 'charge.refunded'
  if (!handled) return []
  if (!boolean(event, 'livemode')) return []

  const data = object(event, 'data')
  const target = object(data, 'object', 'data.')
  const ctx = { eventId: text(event, 'id'), ts: unixTime(event, 'created') }
  if (type === 'payment_intent.succeeded') return fromIntent(target, ctx)
  if (type === 'charge.refunded') {
    const previous = isObject(data.previous_attributes) ? data.previous_attributes : {}
    return fromCharge(target, previous, ctx)
  }
  return fromSession(target, ctx)
}
