import { Type, type Static } from '@sinclair/typebox'

export const EVENT_TYPES = [
  'page_view', 'add_to_cart', 'checkout_started', 'order_completed',
  'order_refunded', 'request'
] as const
export type EventType = typeof EVENT_TYPES[number]

/** Event types that describe what a visitor did on the storefront. */
export const BEHAVIOUR_TYPES: ReadonlySet<EventType> = new Set([
  'page_view', 'add_to_cart', 'checkout_started'
])

const Id = (description: string) =>
  Type.String({ minLength: 1, maxLength: 128, description })

// Sign, decimals and the currency are checked in code (src/lib/money.ts),
// which can name the rule broken; a schema union can only say "wrong type".
const Amount = (description: string) => Type.Union([
  Type.String({ minLength: 1, maxLength: 32, description }),
  Type.Number({ description })
], { description: description + ' At least 0, with no more decimals ' +
  'than the currency has.' })

const Currency = Type.String({
  minLength: 1,
  maxLength: 8,
  description: 'ISO 4217 code, e.g. USD; upper or lower case.'
})

export const OrderSchema = Type.Object({
  id: Id('The order id; an order is counted once per source and id.'),
  total: Amount('Order total as a decimal string ("19.99") or number.'),
  currency: Currency
}, { additionalProperties: false })

export const RefundSchema = Type.Object({
  orderId: Id('The refunded order.'),
  id: Type.Optional(Id('The refund id; a refund is counted once per id.')),
  amount: Amount('Refunded amount as a decimal string or number.'),
  currency: Currency
}, { additionalProperties: false })

export const RequestSchema = Type.Object({
  route: Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'Route template of the storefront request, e.g. /products/:id.'
  }),
  status: Type.Integer({
    minimum: 0,
    maximum: 599,
    description: 'HTTP status, 100-599, or 0 for a network failure.'
  }),
  durationMs: Type.Number({
    minimum: 0,
    maximum: 3_600_000,
    description: 'How long the request took, in milliseconds.'
  })
}, { additionalProperties: false })

export const EventSchema = Type.Object({
  type: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)), {
    description: 'What happened.'
  }),
  id: Type.Optional(Id('Event id; an id seen before is ignored.')),
  timestamp: Type.Optional(Type.String({
    format: 'date-time',
    description: 'RFC 3339 time of the event; default: when received. ' +
      'More than 5 minutes in the future is rejected.'
  })),
  sessionId: Type.Optional(Id('The visit; derived from userId when absent.')),
  userId: Type.Optional(Id('The visitor; the session stands in when absent.')),
  url: Type.Optional(Type.String({ maxLength: 2048, description: 'Page URL.' })),
  referrer: Type.Optional(Type.String({
    maxLength: 2048,
    description: 'Document referrer.'
  })),
  userAgent: Type.Optional(Type.String({
    maxLength: 512,
    description: "The visitor's browser user agent."
  })),
  order: Type.Optional(OrderSchema),
  refund: Type.Optional(RefundSchema),
  request: Type.Optional(RequestSchema)
}, { additionalProperties: false, title: 'Event' })

export const MAX_BATCH = 1000

export const BatchSchema = Type.Object({
  events: Type.Array(EventSchema, { minItems: 1, maxItems: MAX_BATCH })
}, { additionalProperties: false, title: 'EventBatch' })

export const IngestBody = Type.Union([EventSchema, BatchSchema], {
  description: 'One event, or a batch of at most 1,000 events.'
})

export const IngestReply = Type.Object({
  accepted: Type.Integer({ description: 'Events in the request.' }),
  stored: Type.Integer({
    description: 'Events stored now; the rest were seen before (by id).'
  })
}, { title: 'IngestReply' })

export type EventInput = Static<typeof EventSchema>
export type BatchInput = Static<typeof BatchSchema>
