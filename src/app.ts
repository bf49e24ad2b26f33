import cors from '@fastify/cors'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import errorsPlugin from '../plugins/errors/index.js'
import ingestPlugin from '../plugins/ingest/index.js'
import metricsRegistry from '../plugins/metrics-registry.js'
import salesPlugin from '../plugins/sales/index.js'
import serverHealthPlugin from '../plugins/server-health/index.js'
import storePlugin from '../plugins/store/index.js'
import usersPlugin from '../plugins/users/index.js'
import webhooksPlugin from '../plugins/webhooks/index.js'
import { systemClock, type Clock } from './clock.js'
import type { Config } from './config.js'
import { errorHandler, notFoundHandler } from './error-handler.js'
import docs from './docs.js'
import eventsRoute from './routes/events.js'
import healthRoute from './routes/health.js'
import metricsJsonRoute from './routes/metrics-json.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
    clock: Clock
  }
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger']
  /** Event-time clock; tests pass one they can move. */
  clock?: Clock
}

const settings = fp(async (app, opts: { config: Config, clock: Clock }) => {
  app.decorate('config', opts.config)
  app.decorate('clock', opts.clock)
}, { name: 'config' })

/**
 * Assembles the service. The order of registration is the dependency
 * graph: settings and third-party plugins, then the store and the metrics
 * registry, then ingestion, then one plugin per figure, then the routes
 * that read them.
 */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimit,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } }
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)
  // Events are JSON; text/plain would be read and refused with a vaguer 400.
  app.removeContentTypeParser('text/plain')

  await app.register(settings, { config, clock: options.clock ?? systemClock })
  await app.register(cors, {
    origin: config.allowedOrigins.size > 0 ? [...config.allowedOrigins] : true,
    methods: ['GET', 'HEAD', 'POST'],
    maxAge: 600,
    // An OPTIONS without Origin is no preflight: let it reach the 404.
    strictPreflight: false
  })
  await app.register(docs)

  await app.register(storePlugin)
  await app.register(metricsRegistry)
  await app.register(ingestPlugin)

  await app.register(salesPlugin)
  await app.register(usersPlugin)
  await app.register(serverHealthPlugin)
  await app.register(errorsPlugin)

  await app.register(eventsRoute)
  await app.register(webhooksPlugin)
  await app.register(metricsJsonRoute)
  await app.register(healthRoute)

  return app
}
