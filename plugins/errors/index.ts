import fp from 'fastify-plugin'
import { reliabilityMetrics } from './metrics.js'
import { ReliabilityMonitor, type ReliabilityFigures } from './monitor.js'

export type { ProbeStatus, ReliabilityFigures } from './monitor.js'

declare module 'fastify' {
  interface FastifyInstance {
    reliability: {
      snapshot (): ReliabilityFigures
      /** Probes every target now; the timer calls it too. */
      probeOnce (): Promise<void>
    }
  }
}

/**
 * Failed requests, latency and downtime of the storefront (SPEC §3.4),
 * from uptime probes of ECOMPULSE_PROBE_URLS and reported request events.
 */
export default fp(async function errorsPlugin (app) {
  const { config, ingest, store, clock } = app
  const log = app.log.child({ plugin: 'errors' })
  const monitor = new ReliabilityMonitor({
    targets: config.probeUrls,
    timeoutMs: config.probeTimeoutMs,
    latencyWindowMs: config.latencyWindowMs,
    store,
    clock,
    log
  })

  ingest.subscribe((event, outcome) => monitor.onEvent(event, outcome))
  app.addHook('onReady', async () => monitor.restore())

  async function probeOnce (): Promise<void> {
    try {
      await monitor.probeOnce()
    } catch (err) {
      log.error({ err }, 'probe round could not be recorded')
    }
  }

  app.decorate('reliability', {
    snapshot: () => monitor.snapshot(),
    probeOnce
  })
  reliabilityMetrics(app.registry, () => monitor.read())

  // Probing starts when the server listens, not at ready: an app built
  // for inject (tests, the OpenAPI dump) then never reaches the network
  // unless asked to through probeOnce.
  let timer: NodeJS.Timeout | undefined
  app.addHook('onListen', async () => {
    if (config.probeUrls.length === 0) return
    log.info({ targets: config.probeUrls.length,
      intervalMs: config.probeIntervalMs, timeoutMs: config.probeTimeoutMs },
    'uptime probes started')
    timer = setInterval(() => { void probeOnce() }, config.probeIntervalMs)
    timer.unref()
    void probeOnce()
  })
  // preClose runs before the store closes: a round in flight is aborted
  // and waited for, so it never writes to a closed store.
  app.addHook('preClose', async () => {
    clearInterval(timer)
    await monitor.close()
  })
  app.addHook('onClose', async () => clearInterval(timer))
}, {
  name: 'errors',
  dependencies: ['config', 'store', 'ingest', 'metrics-registry']
})
