import fp from 'fastify-plugin'
import { SessionTracker } from '../../src/events/sessions.js'
import type { Outcome, StoredEvent } from '../../src/events/stored-event.js'

export type EventConsumer = (event: StoredEvent, outcome: Outcome) => void

export interface Ingest {
  readonly sessions: SessionTracker
  /** Called for every stored event, and for each one replayed at start. */
  subscribe (consumer: EventConsumer): void
  /** Stores the events, then lets every figure see them. */
  accept (events: StoredEvent[]): Promise<Outcome[]>
}

declare module 'fastify' {
  interface FastifyInstance {
    ingest: Ingest
  }
}

const PRUNE_EVERY_MS = 60_000

/**
 * The one way in for events: resolves sessions, stores, then fans out to
 * the figures. At start it replays the stored events that any window can
 * still see, so a restart neither loses nor double-counts them.
 */
export default fp(async function ingestPlugin (app) {
  const { config, store, clock } = app
  const sessions = new SessionTracker({
    timeoutMs: config.sessionTimeoutMs,
    conversionMs: config.conversionWindowMs
  })
  const consumers: EventConsumer[] = []

  function notify (event: StoredEvent, outcome: Outcome): void {
    if (outcome.fresh) sessions.record(event)
    for (const consumer of consumers) consumer(event, outcome)
  }

  async function accept (events: StoredEvent[]): Promise<Outcome[]> {
    for (const event of events) {
      if (event.bot || event.type === 'request') continue
      if (event.sessionId === null && event.visitorId !== null) {
        event.sessionId = sessions.derive(event.visitorId, event.ts)
        event.sessionDerived = true
      } else if (event.sessionId !== null && event.visitorId === event.sessionId) {
        // Sent with a session but no userId: the session's visitor, if an
        // earlier event named one, so one person is not counted twice.
        event.visitorId = sessions.visitorOf(event.sessionId) ?? event.visitorId
      }
    }

    const outcomes = await store.append(events)
    events.forEach((event, i) => notify(event, outcomes[i] as Outcome))
    return outcomes
  }

  app.decorate('ingest', {
    sessions,
    subscribe: (consumer: EventConsumer) => { consumers.push(consumer) },
    accept
  })

  app.addHook('onReady', async () => {
    const longest = Math.max(config.sessionTimeoutMs, config.conversionWindowMs,
      config.activeUsersWindowMs, config.latencyWindowMs)
    const started = Date.now()
    const events = await store.windowEvents(clock() - longest)
    const restored: Outcome = {
      fresh: true, newOrder: false, newRefund: false, restored: true
    }
    for (const event of events) notify(event, restored)
    app.log.info({ events: events.length, ms: Date.now() - started },
      'windows rebuilt from the store')
  })

  const timer = setInterval(() => sessions.prune(clock()), PRUNE_EVERY_MS)
  timer.unref()
  app.addHook('onClose', async () => clearInterval(timer))
}, { name: 'ingest', dependencies: ['config', 'store'] })
