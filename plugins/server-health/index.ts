import { dirname, resolve } from 'node:path'
import fp from 'fastify-plugin'
import { HostReader } from './host-reader.js'
import { healthMetrics } from './metrics.js'
import { HealthSampler, type HealthFigures } from './sampler.js'

declare module 'fastify' {
  interface FastifyInstance {
    serverHealth: { snapshot (): HealthFigures }
  }
}

/**
 * CPU, memory, disk and network of the host or container (SPEC §3.3).
 * One unref'd timer samples the OS every ECOMPULSE_HEALTH_SAMPLE_MS; both
 * /metrics and /api/metrics read the latest sample.
 */
export default fp(async function serverHealthPlugin (app) {
  const { config } = app
  const dataDir = dirname(resolve(config.dbFile))
  const sampler = new HealthSampler({
    reader: new HostReader('/'),
    dataDir,
    log: app.log
  })

  app.decorate('serverHealth', {
    snapshot: (): HealthFigures => ({ ...sampler.figures })
  })
  healthMetrics(app.registry, sampler, config.healthSampleMs)

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  const tick = (): void => {
    // A slow filesystem skips a beat rather than piling samples up.
    if (running !== undefined) return
    running = sampler.sample().finally(() => { running = undefined })
  }

  // The first sample at start, so no figure is ever read unset.
  app.addHook('onReady', async () => {
    await sampler.sample()
    timer = setInterval(tick, config.healthSampleMs)
    timer.unref()
    app.log.info({ sampleMs: config.healthSampleMs, dataDir },
      'server health sampling')
  })
  app.addHook('onClose', async () => {
    clearInterval(timer)
    await running
  })
}, { name: 'server-health', dependencies: ['config', 'metrics-registry'] })
