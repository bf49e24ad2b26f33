import fp from 'fastify-plugin'
import metricsPlugin from 'fastify-metrics'
import promClient, { Registry } from 'prom-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's own registry: two apps in one process never share one. */
    registry: Registry
  }
}

/**
 * The app's prom-client registry, with fastify-metrics recording the HTTP
 * duration histogram per route template and the process defaults on it.
 */
export default fp(async function metricsRegistry (app) {
  const registry = new Registry()
  app.decorate('registry', registry)

  await app.register(metricsPlugin.default, {
    endpoint: {
      url: '/metrics',
      method: 'GET',
      logLevel: 'warn',
      schema: { hide: true },
      /* c8 ignore next: fastify-metrics swaps in its own handler */
      handler: async () => undefined
    },
    promClient: { ...promClient, register: registry },
    defaultMetrics: { enabled: true, register: registry },
    routeMetrics: {
      enabled: { histogram: true, summary: false },
      registeredRoutesOnly: true,
      routeBlacklist: ['/metrics'],
      overrides: {
        histogram: { registers: [registry] },
        summary: { registers: [registry] }
      }
    }
  })
}, { name: 'metrics-registry' })
