import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'
import { version } from './version.js'

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
          'this document.'
      },
      tags: [
        { name: 'events', description: 'Events from the shop backend and browser' },
        { name: 'webhooks', description: 'Signed webhooks from commerce platforms' },
        { name: 'metrics', description: 'The live figures' },
        { name: 'health', description: 'For container healthchecks' }
      ]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', logLevel: 'warn' })
}, { name: 'docs' })
