import fp from 'fastify-plugin'
import { CHANNELS, type Channel } from '../../src/lib/channel.js'
import { ActiveVisitors } from './active-visitors.js'
import { usersMetrics } from './metrics.js'

export interface UserFigures {
  activeUsers: number
  sessions: number
  trafficSources: Record<Channel, number>
  bots: number
}

declare module 'fastify' {
  interface FastifyInstance {
    users: { snapshot (): UserFigures }
  }
}

const PRUNE_EVERY_MS = 60_000

/** Active users, sessions, traffic sources and bots (SPEC §3.2). */
export default fp(async function usersPlugin (app) {
  const { config, ingest, store, clock } = app
  const active = new ActiveVisitors(config.activeUsersWindowMs)
  let bots = 0

  ingest.subscribe((event, outcome) => {
    if (!outcome.fresh) return
    if (event.bot) {
      if (!outcome.restored) bots++
      return
    }
    const { sessionId, visitorId } = event
    if (event.type === 'request' || visitorId === null) return
    active.seen(visitorId, event.ts)
    if (sessionId !== null && sessionId !== visitorId) active.merge(sessionId, visitorId)
  })

  app.addHook('onReady', async () => {
    bots = (await store.totals()).bots
  })

  function sessions (): Pick<UserFigures, 'sessions' | 'trafficSources'> {
    const { total, byChannel } = ingest.sessions.active(clock())
    const trafficSources = Object.fromEntries(
      CHANNELS.map((channel) => [channel, byChannel.get(channel) ?? 0])
    ) as Record<Channel, number>
    return { sessions: total, trafficSources }
  }

  function snapshot (): UserFigures {
    return { activeUsers: active.count(clock()), ...sessions(), bots }
  }

  app.decorate('users', { snapshot })
  usersMetrics(app.registry, {
    activeUsers: () => active.count(clock()),
    sessions,
    bots: () => bots
  })

  const timer = setInterval(() => active.prune(clock()), PRUNE_EVERY_MS)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}, { name: 'users', dependencies: ['config', 'store', 'ingest', 'metrics-registry'] })
