import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
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
CREATE INDEX IF NOT EXISTS events_session ON events (session_id);
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
 * mkdir -p, one level at a time: Node 20's recursive mkdirSync spins for
 * ever on paths under /proc, where mkdir answers ENOENT for a parent that
 * exists; each level on its own fails at once with the reason.
 */
function ensureDir (dir: string): void {
  const missing: string[] = []
  let at = resolve(dir)
  while (!existsSync(at)) {
    missing.unshift(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const path of missing) mkdirSync(path)
}

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
    if (file !== ':memory:') ensureDir(dirname(file))
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
      seen: this.db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM events WHERE event_id = ?'),
      refundable: this.db.prepare<[string, string], { currency: string, left: number }>(`
        SELECT o.currency, o.amount_minor - COALESCE((
          SELECT SUM(r.amount_minor) FROM refunds r
          WHERE r.source = o.source AND r.order_id = o.order_id
            AND r.currency = o.currency), 0) AS left
        FROM orders o WHERE o.source = ? AND o.order_id = ?`),
      // Two indexed halves rather than one OR, which would scan the table.
      windows: this.db.prepare<{ since: number }, EventRow>(`
        SELECT * FROM events WHERE ts >= @since
        UNION ALL
        SELECT * FROM events WHERE ts < @since AND session_id IN (
          SELECT session_id FROM events
          WHERE ts >= @since AND session_id IS NOT NULL)
        ORDER BY ts, seq`),
      health: this.db.prepare(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('health_check', ?)")
    }
    this.appendTx = this.db.transaction((events: StoredEvent[]) =>
      events.map((event) => this.appendOne(event)))
  }

  /**
   * A refund of a known order is lowered to what is left of it, so a
   * mistyped or hostile amount cannot refund more than was paid. A refund
   * of an order booked before EcomPulse ran is taken as sent.
   */
  private capRefund (event: StoredEvent): void {
    const { refund } = event
    if (refund === undefined || event.bot) return
    const order = this.statements.refundable.get(event.source, refund.orderId)
    if (order === undefined || order.currency !== refund.currency) return
    refund.minor = Math.min(refund.minor, Math.max(0, order.left))
  }

  private appendOne (event: StoredEvent): Outcome {
    const s = this.statements
    const seen = event.eventId !== null && s.seen.get(event.eventId) !== undefined
    if (seen) return { fresh: false, newOrder: false, newRefund: false, restored: false }

    // Orders and refunds first, so the event row records what it booked.
    const { order, refund } = event
    this.capRefund(event)
    const newOrder = !event.bot && order !== undefined && s.order.run(
      event.source, order.id, event.ts, order.currency, order.minor
    ).changes === 1
    const newRefund = !event.bot && refund !== undefined && refund.minor > 0 &&
      s.refund.run(event.source, refund.id, refund.orderId, event.ts,
        refund.currency, refund.minor).changes === 1
    if (order !== undefined) order.booked = newOrder

    s.event.run(toRow(event))
    return { fresh: true, newOrder, newRefund, restored: false }
  }

  async append (events: StoredEvent[]): Promise<Outcome[]> {
    return this.appendTx(events)
  }

  async windowEvents (sinceTs: number): Promise<StoredEvent[]> {
    return this.statements.windows.all({ since: sinceTs }).map(fromRow)
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
