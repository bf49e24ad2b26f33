import type { Channel } from '../lib/channel.js'
import type { StoredEvent } from './stored-event.js'

interface Session {
  /** The userId seen in the session, so events without one find it. */
  visitor: string | null
  first: number
  last: number
  channel: Channel | null
  channelTs: number
  converted: boolean
}

interface DerivedVisit {
  sessionId: string
  last: number
}

export interface SessionWindows {
  /** A session ends after this long without events. */
  timeoutMs: number
  /** How far back the conversion rate looks. */
  conversionMs: number
}

/**
 * Every session seen within the longest window, kept up to date as events
 * arrive so that a scrape only walks this map, never the stored events.
 * Cost per scrape is linear in the sessions of the last conversion window.
 */
export class SessionTracker {
  private readonly sessions = new Map<string, Session>()
  private readonly visits = new Map<string, DerivedVisit>()

  constructor (private readonly windows: SessionWindows) {}

  /** The session of a visitor who sent no session id: 30 min of quiet ends it. */
  derive (visitorId: string, ts: number): string {
    const visit = this.visits.get(visitorId)
    if (visit !== undefined && Math.abs(ts - visit.last) <= this.windows.timeoutMs) {
      visit.last = Math.max(visit.last, ts)
      return visit.sessionId
    }

    const sessionId = `${visitorId}@${ts}`
    this.visits.set(visitorId, { sessionId, last: ts })
    return sessionId
  }

  /** The visitor a session belongs to, once an event named one. */
  visitorOf (sessionId: string): string | null {
    return this.sessions.get(sessionId)?.visitor ?? null
  }

  record (event: StoredEvent): void {
    // A reported storefront request is the backend's, not a visit.
    if (event.sessionId === null || event.bot || event.type === 'request') return
    if (event.sessionDerived && event.visitorId !== null) {
      const visit = this.visits.get(event.visitorId)
      if (visit === undefined || visit.last <= event.ts) {
        this.visits.set(event.visitorId, { sessionId: event.sessionId, last: event.ts })
      }
    }

    let session = this.sessions.get(event.sessionId)
    if (session === undefined) {
      session = {
        visitor: null,
        first: event.ts,
        last: event.ts,
        channel: null,
        channelTs: Infinity,
        converted: false
      }
      this.sessions.set(event.sessionId, session)
    }
    if (event.visitorId !== null && event.visitorId !== event.sessionId) {
      session.visitor ??= event.visitorId
    }
    session.first = Math.min(session.first, event.ts)
    session.last = Math.max(session.last, event.ts)

    // The channel is that of the earliest event that carried page context.
    if (event.channel !== null && event.ts < session.channelTs) {
      session.channel = event.channel
      session.channelTs = event.ts
    }
    if (event.type === 'order_completed') session.converted = true
  }

  /** Sessions with an event in the last timeout window, by channel. */
  active (now: number): { total: number, byChannel: Map<Channel, number> } {
    const since = now - this.windows.timeoutMs
    const byChannel = new Map<Channel, number>()
    let total = 0
    for (const session of this.sessions.values()) {
      if (session.last < since) continue
      total++
      const channel = session.channel ?? 'direct'
      byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1)
    }
    return { total, byChannel }
  }

  /** Sessions of the conversion window, and how many of them ordered. */
  conversion (now: number): { sessions: number, converted: number } {
    const since = now - this.windows.conversionMs
    let sessions = 0
    let converted = 0
    for (const session of this.sessions.values()) {
      if (session.last < since) continue
      sessions++
      if (session.converted) converted++
    }
    return { sessions, converted }
  }

  /** Forget what no window can see any more. */
  prune (now: number): void {
    const keep = now - Math.max(this.windows.timeoutMs, this.windows.conversionMs)
    for (const [id, session] of this.sessions) {
      if (session.last < keep) this.sessions.delete(id)
    }
    const visitKeep = now - this.windows.timeoutMs
    for (const [id, visit] of this.visits) {
      if (visit.last < visitKeep) this.visits.delete(id)
    }
  }
}
