import { STATUS_CODES } from 'node:http'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { ErrorReply, SERVER_ERROR } from '../schemas/errors.js'
import { version } from './version.js'

// Only the part of the OpenAPI document that completeResponses touches.
interface Response { description: string, content?: object }
type Operations = Partial<Record<string, { responses?: Record<string, Response> }>>
type Paths = Partial<Record<string, Operations>>

/**
 * Routes that do not say what a status means get the HTTP reason phrase
 * instead of "Default Response", and every operation lists 500: the error
 * handler answers any unexpected failure of any route with that shape.
 */
export function completeResponses (paths: Paths): void {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations ?? {})) {
      const responses = operation?.responses
      if (responses === undefined) continue
      for (const [status, response] of Object.entries(responses)) {
        if (response.description === 'Default Response' ||
          response.description === ErrorReply.description) {
          response.description = STATUS_CODES[status] ?? status
        }
      }
      responses['500'] ??= {
        description: SERVER_ERROR,
        content: { 'application/json': { schema: ErrorReply as object } }
      }
    }
  }
}

/** The OpenAPI 3 document at /docs/json and Swagger UI at /docs. */
export default fp(async function docs (app) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'EcomPulse',
        version,
        description: 'Live sales, visitor and reliability figures for an ' +
          'online store. Prometheus scrapes /metrics, which is not part of ' +
          'this document. Webhook routes are listed only when their ' +
          'platform secret is set.'
      },
      tags: [
        { name: 'events', description: 'Events from the shop backend and browser' },
        { name: 'webhooks', description: 'Signed webhooks from commerce platforms' },
        { name: 'metrics', description: 'The live figures' },
        { name: 'health', description: 'For container healthchecks' }
      ],
      components: {
        securitySchemes: {
          bearerKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An ingest key from ECOMPULSE_INGEST_KEYS.'
          },
          ingestKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Ingest-Key',
            description: 'The same key, for senders that cannot set ' +
              'Authorization.'
          }
        }
      }
    },
    transformObject: (document) => {
      if (!('openapiObject' in document)) return document.swaggerObject
      completeResponses(document.openapiObject.paths as Paths)
      return document.openapiObject
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', logLevel: 'warn' })
}, { name: 'docs' })
