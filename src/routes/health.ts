import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponse, SERVER_ERROR } from '../../schemas/errors.js'
import { HealthReply } from '../../schemas/metrics.js'
import { described } from '../../schemas/responses.js'
import { version } from '../version.js'

/**
 * GET /health: 200 while an event could be stored right now, 503 naming the
 * failing check otherwise, for container and load-balancer healthchecks.
 */
const healthRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    logLevel: 'warn',
    schema: {
      summary: 'Liveness and readiness',
      description: 'Checks that the store can take a write right now. ' +
        'Polled by the container HEALTHCHECK.',
      tags: ['health'],
      response: {
        200: described(HealthReply, 'Every check passed: events can be ' +
          'stored.'),
        500: errorResponse(SERVER_ERROR),
        503: described(HealthReply, 'A check failed; `checks` names it and ' +
          'says why. Events cannot be stored now.')
      }
    }
  }, async (request, reply) => {
    const checks: Record<string, string> = {}
    try {
      await app.store.check()
      checks.store = 'ok'
    } catch (err) {
      request.log.error({ err }, 'health check: store cannot take a write')
      checks.store = err instanceof Error ? err.message : String(err)
    }

    const ok = Object.values(checks).every((result) => result === 'ok')
    return reply.code(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'error',
      version,
      uptime: Math.round(process.uptime() * 1000) / 1000,
      checks
    })
  })
}

export default healthRoute
