import type { EventType } from '../../schemas/events.js'
import type { Channel } from '../../src/lib/channel.js'
import type { Source, StoredEvent } from '../../src/events/stored-event.js'

/** An events row as both SQL stores hold it. */
export interface EventRow {
  event_id: string | null
  type: string
  ts: number
  source: string
  session_id: string | null
  session_derived: number
  visitor_id: string | null
  channel: string | null
  bot: number
  facts: string | null
}

type Facts = Pick<StoredEvent, 'order' | 'refund' | 'request'>

export function toRow (event: StoredEvent): EventRow {
  const facts: Facts = {}
  if (event.order !== undefined) facts.order = event.order
  if (event.refund !== undefined) facts.refund = event.refund
  if (event.request !== undefined) facts.request = event.request
  return {
    event_id: event.eventId,
    type: event.type,
    ts: event.ts,
    source: event.source,
    session_id: event.sessionId,
    session_derived: event.sessionDerived ? 1 : 0,
    visitor_id: event.visitorId,
    channel: event.channel,
    bot: event.bot ? 1 : 0,
    facts: Object.keys(facts).length === 0 ? null : JSON.stringify(facts)
  }
}

export function fromRow (row: EventRow): StoredEvent {
  const facts = row.facts === null ? {} : JSON.parse(row.facts) as Facts
  return {
    eventId: row.event_id,
    type: row.type as EventType,
    ts: Number(row.ts),
    source: row.source as Source,
    sessionId: row.session_id,
    sessionDerived: row.session_derived === 1,
    visitorId: row.visitor_id,
    channel: row.channel as Channel | null,
    bot: row.bot === 1,
    ...facts
  }
}
