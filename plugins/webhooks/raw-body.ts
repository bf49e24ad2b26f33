import type { FastifyInstance, FastifyRequest } from 'fastify'

/** Large orders (hundreds of line items) exceed the 1 MiB default. */
export const WEBHOOK_BODY_LIMIT = 5 * 1024 * 1024

function keepBytes (_request: FastifyRequest, body: Buffer,
  done: (err: null, body: Buffer) => void): void {
  done(null, body)
}

/**
 * Signatures are computed over the exact bytes sent, and JSON parsed and
 * re-serialised is not those bytes, so these routes take the body as a
 * Buffer and parse it only after the check. Called inside an encapsulated
 * plugin, it leaves Fastify's JSON parser in place for /api/events.
 */
export function keepRawBodies (app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  const options = { parseAs: 'buffer' as const, bodyLimit: WEBHOOK_BODY_LIMIT }
  app.addContentTypeParser('application/json', options, keepBytes)
  // WooCommerce pings a new webhook with the form body "webhook_id=N".
  app.addContentTypeParser('application/x-www-form-urlencoded', options, keepBytes)
}

/** The body bytes of a request whose parser is keepRawBodies'. */
export function rawBody (request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
}

export function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return typeof value === 'string' ? value : undefined
}
