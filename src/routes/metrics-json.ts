import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponse, SERVER_ERROR } from '../../schemas/errors.js'
import { MetricsReply, type MetricsBody } from '../../schemas/metrics.js'
import { described } from '../../schemas/responses.js'

/** GET /api/metrics: every figure as JSON, read from the same state as /metrics. */
const metricsJsonRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/metrics', {
    schema: {
      summary: 'All live figures as JSON',
      description: 'The same numbers /metrics gives Prometheus at the same moment.',
      tags: ['metrics'],
      response: {
        200: described(MetricsReply, 'The figures; each field says its ' +
          'formula and window.'),
        500: errorResponse(SERVER_ERROR)
      }
    }
  }, async (): Promise<MetricsBody> => {
    return {
      ...app.sales.snapshot(),
      ...app.users.snapshot(),
      ...app.serverHealth.snapshot(),
      ...app.reliability.snapshot(),
      generatedAt: new Date(app.clock()).toISOString()
    }
  })
}

export default metricsJsonRoute
