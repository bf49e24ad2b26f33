import type Database from 'better-sqlite3'
import type {
  DownMinutes, ProbeBooking, ProbeRecord, ReliabilityStore,
  ReliabilityTotals, TargetStateRecord, TargetTotals
} from './reliability.js'

export const RELIABILITY_SCHEMA = `
CREATE TABLE IF NOT EXISTS probe_results (
  seq INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  ts INTEGER NOT NULL,
  duration_ms REAL NOT NULL,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  failed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS probe_results_ts ON probe_results (ts);
CREATE TABLE IF NOT EXISTS probe_targets (
  target TEXT PRIMARY KEY,
  health TEXT NOT NULL,
  failures INTEGER NOT NULL,
  failing_since INTEGER,
  counted_through INTEGER,
  failed_total INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS target_down_minutes (
  target TEXT NOT NULL,
  minute INTEGER NOT NULL,
  PRIMARY KEY (target, minute)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS down_minutes (minute INTEGER PRIMARY KEY);
`

interface ProbeRow {
  target: string
  ts: number
  duration_ms: number
  status: number
  outcome: ProbeRecord['outcome']
  failed: number
}

interface TargetRow {
  target: string
  health: TargetStateRecord['health']
  failures: number
  failing_since: number | null
  counted_through: number | null
  failed_total: number
  downtime: number
}

/** The reliability tables of the SQLite store. */
export class SqliteReliability implements ReliabilityStore {
  private readonly s
  private readonly recordTx: (probe: ProbeRecord, state: TargetStateRecord,
    down: DownMinutes | null) => ProbeBooking

  constructor (private readonly db: Database.Database) {
    db.exec(RELIABILITY_SCHEMA)
    this.s = {
      result: db.prepare(`INSERT INTO probe_results
        (target, ts, duration_ms, status, outcome, failed)
        VALUES (?, ?, ?, ?, ?, ?)`),
      state: db.prepare(`INSERT INTO probe_targets
        (target, health, failures, failing_since, counted_through, failed_total)
        VALUES (@target, @health, @failures, @failingSince, @countedThrough,
          @failed)
        ON CONFLICT (target) DO UPDATE SET health = excluded.health,
          failures = excluded.failures,
          failing_since = excluded.failing_since,
          counted_through = excluded.counted_through,
          failed_total = failed_total + excluded.failed_total`),
      targetMinute: db.prepare(
        'INSERT OR IGNORE INTO target_down_minutes (target, minute) VALUES (?, ?)'),
      minute: db.prepare('INSERT OR IGNORE INTO down_minutes (minute) VALUES (?)'),
      since: db.prepare<[number], ProbeRow>(
        'SELECT * FROM probe_results WHERE ts >= ? ORDER BY ts, seq'),
      prune: db.prepare('DELETE FROM probe_results WHERE ts < ?')
    }
    this.recordTx = db.transaction((probe, state, down) => {
      this.s.result.run(probe.target, probe.ts, probe.durationMs,
        probe.status, probe.outcome, probe.failed ? 1 : 0)
      this.s.state.run({ ...state, failed: probe.failed ? 1 : 0 })
      const booking = { newMinutes: 0, newTargetMinutes: 0 }
      for (let m = down?.from ?? 1; m <= (down?.to ?? 0); m++) {
        booking.newTargetMinutes += this.s.targetMinute.run(state.target, m).changes
        booking.newMinutes += this.s.minute.run(m).changes
      }
      return booking
    })
  }

  async recordProbe (probe: ProbeRecord, state: TargetStateRecord,
    down: DownMinutes | null): Promise<ProbeBooking> {
    return this.recordTx(probe, state, down)
  }

  async probesSince (sinceTs: number): Promise<ProbeRecord[]> {
    return this.s.since.all(sinceTs).map((row) => ({
      target: row.target,
      ts: Number(row.ts),
      durationMs: row.duration_ms,
      status: row.status,
      outcome: row.outcome,
      failed: row.failed === 1
    }))
  }

  async pruneProbes (beforeTs: number): Promise<void> {
    this.s.prune.run(beforeTs)
  }

  async reliabilityTotals (): Promise<ReliabilityTotals> {
    // A full scan of the request events, once at start: the failures the
    // shop reported are counted from the events themselves, so they can
    // never disagree with what was acknowledged.
    const reported = this.db.prepare(`SELECT COUNT(*) AS n FROM events
      WHERE type = 'request' AND bot = 0 AND (
        json_extract(facts, '$.request.status') = 0 OR
        json_extract(facts, '$.request.status') >= 500)`).get() as { n: number }
    const minutes = this.db.prepare('SELECT COUNT(*) AS n FROM down_minutes')
      .get() as { n: number }
    const rows = this.db.prepare(`SELECT t.*, (SELECT COUNT(*)
        FROM target_down_minutes d WHERE d.target = t.target) AS downtime
      FROM probe_targets t ORDER BY t.target`).all() as TargetRow[]
    const targets: TargetTotals[] = rows.map((row) => ({
      target: row.target,
      failures: row.failed_total,
      downtimeMinutes: row.downtime,
      state: {
        target: row.target,
        health: row.health,
        failures: row.failures,
        failingSince: row.failing_since === null ? null : Number(row.failing_since),
        countedThrough: row.counted_through === null
          ? null
          : Number(row.counted_through)
      }
    }))
    return {
      reportedFailures: reported.n,
      probeFailures: targets.reduce((sum, t) => sum + t.failures, 0),
      downtimeMinutes: minutes.n,
      targets
    }
  }
}
