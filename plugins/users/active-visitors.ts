/**
 * Distinct visitors by their latest event time. Counting walks the map, so
 * a scrape costs one pass over the visitors of the window.
 */
export class ActiveVisitors {
  private readonly lastSeen = new Map<string, number>()

  constructor (private readonly windowMs: number) {}

  seen (visitorId: string, ts: number): void {
    const last = this.lastSeen.get(visitorId)
    if (last === undefined || ts > last) this.lastSeen.set(visitorId, ts)
  }

  /**
   * A session that stood for its visitor turns out to be `visitorId`'s:
   * its activity moves to the visitor, so one person counts once however
   * the events of the session arrived.
   */
  merge (sessionId: string, visitorId: string): void {
    const ts = this.lastSeen.get(sessionId)
    if (ts === undefined) return
    this.lastSeen.delete(sessionId)
    this.seen(visitorId, ts)
  }

  count (now: number): number {
    const since = now - this.windowMs
    let n = 0
    for (const ts of this.lastSeen.values()) if (ts >= since) n++
    return n
  }

  prune (now: number): void {
    const since = now - this.windowMs
    for (const [id, ts] of this.lastSeen) if (ts < since) this.lastSeen.delete(id)
  }
}
