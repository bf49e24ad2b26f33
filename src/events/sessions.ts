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

/** A derived session's span of event time. */
interface DerivedVisit {
  sessionId: string
  first: number
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
  private readonly visits = new Map<string, DerivedVisit[]>()

  constructor (private readonly windows: SessionWindows) {}

  /**
   * The session of a visitor who sent no session id: the derived session
   * whose span the event falls in, or within 30 minutes of, by event time,
   * so a late event joins the visit it belongs to. Known shortcoming: an
   * event that bridges two derived sessions joins the nearer one; the two
   * are not merged, since their events are stored under separate ids.
   */
  derive (visitorId: string, ts: number): string {
    const visits = this.visits.get(visitorId) ?? []
    const { timeoutMs } = this.windows
    let best: DerivedVisit | undefined
    let bestGap = Infinity
    for (const visit of visits) {
      const gap = ts < visit.first ? visit.first - ts : Math.max(0, ts - visit.last)
      if (gap <= timeoutMs && gap < bestGap) {
        best = visit
        bestGap = gap
      }
    }

    if (best === undefined) {
      best = { sessionId: `${visitorId}@${ts}`, first: ts, last: ts }
      visits.push(best)
      this.visits.set(visitorId, visits)
    }
    best.first = Math.min(best.first, ts)
    best.last = Math.max(best.last, ts)
    return best.sessionId
  }

  /** The visitor a session belongs to, once an event named one. */
  visitorOf (sessionId: string): string | null {
    return this.sessions.get(sessionId)?.visitor ?? null
  }

  // Events replayed at start rebuild the derived spans they came from.
  private recordVisit (event: StoredEvent & { sessionId: string, visitorId: string }): void {
    const visits = this.visits.get(event.visitorId) ?? []
    let visit = visits.find((v) => v.sessionId === event.sessionId)
    if (visit === undefined) {
      visit = { sessionId: event.sessionId, first: event.ts, last: event.ts }
      visits.push(visit)
      this.visits.set(event.visitorId, visits)
    }
    visit.first = Math.min(visit.first, event.ts)
    visit.last = Math.max(visit.last, event.ts)
  }

  record (event: StoredEvent): void {
    const { sessionId, visitorId } = event
    // A reported storefront request is the backend's, not a visit.
    if (sessionId === null || event.bot || event.type === 'request') return
    if (event.sessionDerived && visitorId !== null) {
      this.recordVisit({ ...event, sessionId, visitorId })
    }

    let session = this.sessions.get(sessionId)
    if (session === undefined) {
      session = {
        visitor: null,
        first: event.ts,
        last: event.ts,
        channel: null,
        channelTs: Infinity,
        converted: false
      }
      this.sessions.set(sessionId, session)
    }
    if (visitorId !== null && visitorId !== sessionId) session.visitor ??= visitorId
    session.first = Math.min(session.first, event.ts)
    session.last = Math.max(session.last, event.ts)

    // The channel is that of the earliest event that carried page context.
    if (event.channel !== null && event.ts < session.channelTs) {
      session.channel = event.channel
      session.channelTs = event.ts
    }
    // Only the event that booked the order converts its session: the same
    // order reported again from another session is no second sale.
    if (event.type === 'order_completed' && event.order?.booked !== false) {
      session.converted = true
    }
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
    for (const [id, visits] of this.visits) {
      const kept = visits.filter((visit) => visit.last >= keep)
      if (kept.length === 0) this.visits.delete(id)
      else this.visits.set(id, kept)
    }
  }
}
