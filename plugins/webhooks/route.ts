import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { ErrorReply } from '../../schemas/errors.js'
import type { StoredEvent } from '../../src/events/stored-event.js'
import { keepRawBodies, rawBody, WEBHOOK_BODY_LIMIT } from './raw-body.js'

export const WebhookReply = Type.Object({
  received: Type.Boolean(),
  events: Type.Integer({ description: 'Order and refund events the delivery held.' }),
  stored: Type.Integer({ description: 'Of those, events not seen before.' }),
  booked: Type.Integer({
    description: 'Orders and refunds booked now; 0 for a repeated delivery.'
  })
}, { title: 'WebhookReply' })
export type WebhookReplyBody = Static<typeof WebhookReply>

export interface WebhookSpec {
  path: string
  summary: string
  description: string
  /** Throws 401 unless the raw body is signed with the platform's secret. */
  verify (request: FastifyRequest, raw: Buffer): void
  /** What the delivery books; [] for topics that book nothing. */
  events (request: FastifyRequest, raw: Buffer): StoredEvent[]
}

/**
 * One platform's route: raw body, signature, then booking. Anything the
 * route does not book is still answered 2xx, because platforms disable an
 * endpoint that keeps failing and would then drop the orders that matter.
 */
export function webhookRoute (app: FastifyInstance, spec: WebhookSpec): void {
  keepRawBodies(app)
  app.post(spec.path, {
    bodyLimit: WEBHOOK_BODY_LIMIT,
    schema: {
      summary: spec.summary,
      description: spec.description,
      tags: ['webhooks'],
      response: {
        200: WebhookReply,
        400: ErrorReply,
        401: ErrorReply,
        413: ErrorReply,
        415: ErrorReply
      }
    }
  }, async (request): Promise<WebhookReplyBody> => {
    const raw = rawBody(request)
    spec.verify(request, raw)
    const events = spec.events(request, raw)
    const outcomes = events.length === 0 ? [] : await app.ingest.accept(events)
    const stored = outcomes.filter((o) => o.fresh).length
    const booked = outcomes.filter((o) => o.newOrder || o.newRefund).length
    request.log.info({ events: events.length, stored, booked }, 'webhook handled')
    return { received: true, events: events.length, stored, booked }
  })
}
