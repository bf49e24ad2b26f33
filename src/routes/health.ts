import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthReply } from '../../schemas/metrics.js'
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
      tags: ['health'],
      response: { 200: HealthReply, 503: HealthReply }
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
