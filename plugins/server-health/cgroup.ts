/**
 * Pure parsers for the cgroup v2 files the health figures need. Reading
 * the files and walking the hierarchy is in cgroup-reader.ts.
 */

/** The unified (v2) path from /proc/self/cgroup: the `0::<path>` line. */
export function parseCgroupPath (text: string): string | undefined {
  const line = text.split('\n').find((l) => l.startsWith('0::'))
  return line?.slice(3).trim() || undefined
}

/** A CPU quota: `quotaUs` of CPU time allowed per `periodUs` of real time. */
export interface CpuQuota {
  quotaUs: number
  periodUs: number
}

/** `cpu.max` is "<quota> <period>" or "max <period>"; max means no limit. */
export function parseCpuMax (text: string): CpuQuota | undefined {
  const [quota = '', period = '100000'] = text.trim().split(/\s+/)
  if (quota === 'max') return undefined
  const quotaUs = Number(quota)
  const periodUs = Number(period)
  if (!(quotaUs > 0) || !(periodUs > 0)) {
    throw new Error(`cpu.max is malformed: "${text.trim()}"`)
  }
  return { quotaUs, periodUs }
}

/** How many CPUs a quota amounts to: 150000/100000 is 1.5 CPUs. */
export function quotaCpus (quota: CpuQuota): number {
  return quota.quotaUs / quota.periodUs
}

/** `usage_usec` from `cpu.stat`: CPU time used by the cgroup, all CPUs. */
export function parseCpuStatUsage (text: string): number {
  const match = /^usage_usec\s+(\d+)/m.exec(text)
  if (match?.[1] === undefined) throw new Error('cpu.stat has no usage_usec')
  return Number(match[1])
}

/**
 * Percent of the quota used between two `usage_usec` readings taken
 * `elapsedUs` apart: with 1 CPU allowed, 0.5 s of CPU in 1 s is 50 %.
 */
export function cgroupCpuPercent (
  prevUsageUs: number,
  curUsageUs: number,
  elapsedUs: number,
  quota: CpuQuota
): number {
  const allowedUs = elapsedUs * quotaCpus(quota)
  if (!(allowedUs > 0)) return 0
  return 100 * (curUsageUs - prevUsageUs) / allowedUs
}

/** `memory.max` in bytes, or undefined for "max" (no limit). */
export function parseMemoryMax (text: string): number | undefined {
  const value = text.trim()
  if (value === 'max') return undefined
  return parseBytes('memory.max', value)
}

/** `memory.current`: bytes charged to the cgroup, page cache included. */
export function parseMemoryCurrent (text: string): number {
  return parseBytes('memory.current', text.trim())
}

/**
 * `inactive_file` from `memory.stat`: page cache the kernel reclaims first.
 * It is left out of "in use", as MemAvailable leaves cache out on the host
 * and as `docker stats` and the kubelet's working set do.
 */
export function parseInactiveFile (text: string): number {
  const match = /^inactive_file\s+(\d+)/m.exec(text)
  return match?.[1] === undefined ? 0 : Number(match[1])
}

function parseBytes (file: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${file} is malformed: "${value}"`)
  return Number(value)
}
