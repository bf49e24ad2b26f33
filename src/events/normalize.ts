import { isbot } from 'isbot'
import { BEHAVIOUR_TYPES, type EventInput } from '../../schemas/events.js'
import { badField } from '../errors.js'
import { classifyChannel } from '../lib/channel.js'
import { isCurrency } from '../lib/currencies.js'
import { parseRfc3339 } from '../lib/rfc3339.js'
import { MoneyError, toMinorUnits } from '../lib/money.js'
import type { ReferrerLists } from '../lib/referrer-lists.js'
import type { StoredEvent } from './stored-event.js'

const FUTURE_LIMIT_MS = 5 * 60_000

export interface NormalizeContext {
  now: number
  lists: ReferrerLists
  siteHosts: ReadonlySet<string>
  /** The sending browser's User-Agent, when the request came from a browser. */
  browserUserAgent: string | undefined
}

function eventTime (input: EventInput, at: string, now: number): number {
  if (input.timestamp === undefined) return now
  const ts = parseRfc3339(input.timestamp)
  if (ts === undefined) {
    throw badField(`${at}timestamp`, 'must be an RFC 3339 time with a zone')
  }
  if (ts > now + FUTURE_LIMIT_MS) {
    throw badField(`${at}timestamp`, 'must not be more than 5 minutes in the future')
  }
  return ts
}

function minor (value: string | number, currency: string, field: string): number {
  try {
    return toMinorUnits(value, currency)
  } catch (err) {
    if (err instanceof MoneyError) throw badField(field, err.rule)
    throw err
  }
}

function currencyOf (code: string, field: string): string {
  const upper = code.toUpperCase()
  if (!isCurrency(upper)) throw badField(field, 'is not an ISO 4217 currency')
  return upper
}

/**
 * Checks what the schema cannot and turns an accepted event into what is
 * stored. `at` prefixes field names, e.g. "events[3].". Throws a 400 that
 * names the field. The session is resolved later, against live state.
 */
export function normalizeEvent (
  input: EventInput,
  at: string,
  ctx: NormalizeContext
): StoredEvent {
  const ts = eventTime(input, at, ctx.now)
  const userAgent = input.userAgent ?? ctx.browserUserAgent
  const event: StoredEvent = {
    eventId: input.id ?? null,
    type: input.type,
    ts,
    source: 'api',
    sessionId: input.sessionId ?? null,
    sessionDerived: false,
    visitorId: input.userId ?? input.sessionId ?? null,
    channel: null,
    bot: userAgent !== undefined && isbot(userAgent)
  }

  if (BEHAVIOUR_TYPES.has(input.type)) {
    if (event.visitorId === null) {
      throw badField(`${at}sessionId`, `is required for ${input.type} when userId is absent`)
    }
    // Only an event that says where the visit came from sets its channel;
    // an add_to_cart sent by the backend without a URL says nothing.
    if (input.url !== undefined || input.referrer !== undefined) {
      event.channel = classifyChannel(input, ctx.lists, ctx.siteHosts)
    }
  }

  if (input.type === 'order_completed') {
    if (input.order === undefined) throw badField(`${at}order`, 'is required for order_completed')
    const currency = currencyOf(input.order.currency, `${at}order.currency`)
    event.order = {
      id: input.order.id,
      currency,
      minor: minor(input.order.total, currency, `${at}order.total`)
    }
  }

  if (input.type === 'order_refunded') {
    if (input.refund === undefined) throw badField(`${at}refund`, 'is required for order_refunded')
    const currency = currencyOf(input.refund.currency, `${at}refund.currency`)
    event.refund = {
      // Without a refund id, the event id (or nothing) is all that dedupes it.
      id: input.refund.id ?? input.id ?? crypto.randomUUID(),
      orderId: input.refund.orderId,
      currency,
      minor: minor(input.refund.amount, currency, `${at}refund.amount`)
    }
  }

  if (input.type === 'request') {
    if (input.request === undefined) throw badField(`${at}request`, 'is required for request')
    const { status } = input.request
    if (status > 0 && status < 100) {
      throw badField(`${at}request.status`, 'must be 100-599, or 0 for a network failure')
    }
    event.request = { ...input.request }
  }

  return event
}
