export interface MemInfo {
  totalBytes: number
  availableBytes: number
}

/**
 * Parses MemTotal and MemAvailable from /proc/meminfo (values in kB).
 * MemAvailable is the kernel's own estimate of what can be given to new
 * work without swapping, page cache included, so "in use" excludes cache.
 */
export function parseMeminfo (text: string): MemInfo {
  const kb = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+)\\s*kB`, 'm').exec(text)
    if (match?.[1] === undefined) throw new Error(`/proc/meminfo has no ${key}`)
    return Number(match[1]) * 1024
  }
  return { totalBytes: kb('MemTotal'), availableBytes: kb('MemAvailable') }
}

/** (MemTotal - MemAvailable) / MemTotal, as a percent. */
export function hostMemoryPercent (info: MemInfo): number {
  if (info.totalBytes <= 0) return 0
  return 100 * (info.totalBytes - info.availableBytes) / info.totalBytes
}
