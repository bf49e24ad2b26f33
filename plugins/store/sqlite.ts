import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Outcome, StoredEvent } from '../../src/events/stored-event.js'
import type { Totals, Store } from './store.js'
import { fromRow, toRow, type EventRow } from './rows.js'
import type {
  DownMinutes, ProbeBooking, ProbeRecord, ReliabilityTotals,
  TargetStateRecord
} from './reliability.js'
import { SqliteReliability } from './sqlite-reliability.js'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT UNIQUE,
  type TEXT NOT NULL,
  ts INTEGER NOT NULL,
  source TEXT NOT NULL,
  session_id TEXT,
  session_derived INTEGER NOT NULL,
  visitor_id TEXT,
  channel TEXT,
  bot INTEGER NOT NULL,
  facts TEXT
);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
CREATE TABLE IF NOT EXISTS orders (
  source TEXT NOT NULL,
  order_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (source, order_id)
);
CREATE TABLE IF NOT EXISTS refunds (
  source TEXT NOT NULL,
  refund_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (source, refund_id)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`

/**
 * The embedded store: one SQLite file in WAL mode. synchronous=FULL makes a
 * commit survive power loss, not only a crash of the process, which is what
 * "acknowledged only after it is stored" promises; batches amortise the fsync.
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite'
  private readonly db: Database.Database
  private readonly appendTx: (events: StoredEvent[]) => Outcome[]
  private readonly statements
  private readonly reliability: SqliteReliability

  constructor (file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = FULL')
    this.db.pragma('busy_timeout = 5000')
    this.db.exec(SCHEMA)
    this.reliability = new SqliteReliability(this.db)

    this.statements = {
      event: this.db.prepare(`INSERT OR IGNORE INTO events
        (event_id, type, ts, source, session_id, session_derived, visitor_id,
         channel, bot, facts)
        VALUES (@event_id, @type, @ts, @source, @session_id, @session_derived,
         @visitor_id, @channel, @bot, @facts)`),
      order: this.db.prepare(`INSERT OR IGNORE INTO orders
        (source, order_id, ts, currency, amount_minor) VALUES (?, ?, ?, ?, ?)`),
      refund: this.db.prepare(`INSERT OR IGNORE INTO refunds
        (source, refund_id, order_id, ts, currency, amount_minor)
        VALUES (?, ?, ?, ?, ?, ?)`),
      since: this.db.prepare<[number], EventRow>(
        'SELECT * FROM events WHERE ts >= ? ORDER BY ts, seq'),
      health: this.db.prepare(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('health_check', ?)")
    }
    this.appendTx = this.db.transaction((events: StoredEvent[]) =>
      events.map((event) => this.appendOne(event)))
  }

  private appendOne (event: StoredEvent): Outcome {
    const s = this.statements
    const fresh = s.event.run(toRow(event)).changes === 1
    if (!fresh || event.bot) {
      return { fresh, newOrder: false, newRefund: false, restored: false }
    }

    const { order, refund } = event
    const newOrder = order !== undefined && s.order.run(
      event.source, order.id, event.ts, order.currency, order.minor
    ).changes === 1
    const newRefund = refund !== undefined && s.refund.run(
      event.source, refund.id, refund.orderId, event.ts, refund.currency,
      refund.minor
    ).changes === 1
    return { fresh, newOrder, newRefund, restored: false }
  }

  async append (events: StoredEvent[]): Promise<Outcome[]> {
    return this.appendTx(events)
  }

  async eventsSince (sinceTs: number): Promise<StoredEvent[]> {
    return this.statements.since.all(sinceTs).map(fromRow)
  }

  async totals (): Promise<Totals> {
    const byCurrency = this.db.prepare(`
      SELECT currency, SUM(orders) AS orders, SUM(revenue) AS revenueMinor,
             SUM(refunds) AS refundsMinor FROM (
        SELECT currency, COUNT(*) AS orders, SUM(amount_minor) AS revenue,
               0 AS refunds FROM orders GROUP BY currency
        UNION ALL
        SELECT currency, 0, 0, SUM(amount_minor) FROM refunds GROUP BY currency
      ) GROUP BY currency ORDER BY currency`).all() as Totals['byCurrency']
    const last = this.db.prepare('SELECT MAX(ts) AS ts FROM orders')
      .get() as { ts: number | null }
    const bots = this.db.prepare('SELECT COUNT(*) AS n FROM events WHERE bot = 1')
      .get() as { n: number }
    return { byCurrency, lastOrderTs: last.ts, bots: bots.n }
  }

  async recordProbe (probe: ProbeRecord, state: TargetStateRecord,
    down: DownMinutes | null): Promise<ProbeBooking> {
    return this.reliability.recordProbe(probe, state, down)
  }

  async probesSince (sinceTs: number): Promise<ProbeRecord[]> {
    return this.reliability.probesSince(sinceTs)
  }

  async pruneProbes (beforeTs: number): Promise<void> {
    return this.reliability.pruneProbes(beforeTs)
  }

  async reliabilityTotals (): Promise<ReliabilityTotals> {
    return this.reliability.reliabilityTotals()
  }

  async check (): Promise<void> {
    this.statements.health.run(String(Date.now()))
  }

  async close (): Promise<void> {
    if (this.db.open) this.db.close()
  }
}
