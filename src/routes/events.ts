import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { errorResponse, SERVER_ERROR } from '../../schemas/errors.js'
import { described } from '../../schemas/responses.js'
import {
  BatchSchema, BEHAVIOUR_TYPES, EventSchema, IngestBody, IngestReply,
  type EventInput
} from '../../schemas/events.js'
import { badField, forbidden, HttpError, unauthorized } from '../errors.js'
import { normalizeEvent } from '../events/normalize.js'
import { loadReferrerLists } from '../lib/referrer-lists.js'
import { compileValidator } from '../lib/validate.js'

function eventsOf (body: unknown): EventInput[] {
  const batch = body as { events?: EventInput[] }
  return batch.events ?? [body as EventInput]
}

function presentedKey (request: FastifyRequest): string | undefined {
  const auth = /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  if (auth !== null) return auth[1]
  const header = request.headers['x-ingest-key']
  return typeof header === 'string' ? header.trim() : undefined
}

/**
 * Who may send at all, decided before the body is read: a browser only
 * from an allowed origin (with or without a key), a server only with a
 * valid key once keys are configured. What they send is checked later.
 */
function admit (request: FastifyRequest, keys: ReadonlySet<string>,
  origins: ReadonlySet<string>): void {
  const origin = request.headers.origin
  if (origin !== undefined && origins.size > 0 && !origins.has(origin)) {
    throw forbidden('origin', `origin ${origin} is not in ECOMPULSE_ALLOWED_ORIGINS`)
  }

  const key = presentedKey(request)
  if (key !== undefined && keys.size > 0 && !keys.has(key)) {
    throw unauthorized('the ingest key is not valid')
  }
  if (keys.size > 0 && key === undefined && origin === undefined) {
    throw unauthorized('an ingest key is required (Authorization: Bearer <key>)')
  }

  // Bodies are read as sent: a compressed one would be refused as bad JSON.
  const encoding = request.headers['content-encoding']
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new HttpError(415, 'ECOM_UNSUPPORTED_ENCODING',
      `content-encoding ${encoding} is not supported; send the body uncompressed`,
      'content-encoding', 'must be identity or absent')
  }
}

/**
 * Orders, refunds and reported requests change money and reliability
 * figures, so once keys are configured a keyless browser may send only
 * behaviour events.
 */
function authorizeEvents (request: FastifyRequest, events: EventInput[],
  keys: ReadonlySet<string>): void {
  if (keys.size === 0 || presentedKey(request) !== undefined) return
  if (!events.every((e) => BEHAVIOUR_TYPES.has(e.type))) {
    throw unauthorized('an ingest key is required for orders, refunds and ' +
      'request reports (Authorization: Bearer <key>)')
  }
}

// One schema for the document, two precise validators for the work: Ajv's
// errors for a union are vague, while each branch names the broken field.
const checkEvent = compileValidator(EventSchema)
const checkBatch = compileValidator(BatchSchema)

function validateBody (body: unknown): { value: unknown } | { error: Error } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: badField('body', 'must be an event object or {"events": [...]}') }
  }
  const error = 'events' in body ? checkBatch(body) : checkEvent(body)
  return error === undefined ? { value: body } : { error }
}

const eventsRoute: FastifyPluginAsyncTypebox = async (app) => {
  const { config, ingest, clock } = app
  const lists = loadReferrerLists()

  app.post('/api/events', {
    bodyLimit: config.bodyLimit,
    validatorCompiler: () => validateBody,
    onRequest: async (request) => {
      admit(request, config.ingestKeys, config.allowedOrigins)
    },
    schema: {
      summary: 'Ingest one event or a batch of up to 1,000',
      description: 'Answers 202 once every event is stored. A batch is ' +
        'validated whole: one bad event rejects it and nothing is stored.',
      tags: ['events'],
      // Either key header works; browsers from allowed origins need none.
      security: [{}, { bearerKey: [] }, { ingestKey: [] }],
      body: IngestBody,
      response: {
        202: described(IngestReply, 'Every event is stored, or was ' +
          'stored before under the same id.'),
        400: errorResponse('A field broke a rule; `field` and `rule` name ' +
          'it (for a batch, e.g. events[3].order.total). Nothing is stored.'),
        401: errorResponse('Ingest keys are configured and the key is ' +
          'missing or wrong; behaviour events from an allowed browser ' +
          'origin need no key.'),
        403: errorResponse('The Origin header is not in ' +
          'ECOMPULSE_ALLOWED_ORIGINS.'),
        413: errorResponse('The body is larger than ECOMPULSE_BODY_LIMIT ' +
          '(1 MiB by default).'),
        415: errorResponse('The Content-Type is not one the service reads; ' +
          'send application/json.'),
        500: errorResponse(SERVER_ERROR + ' Nothing was acknowledged, so ' +
          'the sender should retry.')
      }
    }
  }, async (request, reply) => {
    const inputs = eventsOf(request.body)
    authorizeEvents(request, inputs, config.ingestKeys)

    const browserUserAgent = request.headers.origin !== undefined
      ? request.headers['user-agent']
      : undefined
    const ctx = { now: clock(), lists, siteHosts: config.siteHosts, browserUserAgent }
    const isBatch = 'events' in (request.body as object)
    const events = inputs.map((input, i) =>
      normalizeEvent(input, isBatch ? `events[${i}].` : '', ctx))

    const outcomes = await ingest.accept(events)
    const stored = outcomes.filter((o) => o.fresh).length
    return reply.code(202).send({ accepted: events.length, stored })
  })
}

export default eventsRoute
