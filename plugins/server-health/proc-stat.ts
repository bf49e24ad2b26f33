/** CPU time of the whole host, in clock ticks, from the `cpu` line. */
export interface CpuTimes {
  busy: number
  total: number
}

/**
 * Parses the aggregate `cpu` line of /proc/stat. Fields are user, nice,
 * system, idle, iowait, irq, softirq, steal, guest, guest_nice; guest time
 * is already inside user and nice, so it is left out to avoid counting it
 * twice. iowait is idle: the CPU could have run something else.
 */
export function parseProcStat (text: string): CpuTimes {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l))
  if (line === undefined) throw new Error('/proc/stat has no "cpu" line')
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number)
  if (ticks.length < 4 || ticks.some((n) => !Number.isFinite(n))) {
    throw new Error(`/proc/stat "cpu" line is malformed: ${line}`)
  }
  const total = ticks.reduce((sum, n) => sum + n, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  return { busy: total - idle, total }
}

/** Percent of all host cores busy between two readings; 0 if no time passed. */
export function hostCpuPercent (prev: CpuTimes, cur: CpuTimes): number {
  const total = cur.total - prev.total
  if (total <= 0) return 0
  return clampPercent(100 * (cur.busy - prev.busy) / total)
}

/**
 * Keeps a percentage in 0..100. Readings taken a few microseconds apart
 * from different files can overshoot slightly; a dashboard should never
 * show 101 % of a quota.
 */
export function clampPercent (value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0
  return Math.min(value, 100)
}
