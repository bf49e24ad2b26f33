/** The fields of fs.StatFs that `df` uses. */
export interface FsBlocks {
  bsize: number
  blocks: number
  bfree: number
  bavail: number
}

/**
 * Percent used as `df` reports it: used / (used + available to unprivileged
 * users). Blocks reserved for root count neither as used nor as available,
 * so a full disk reads 100 % even while root could still write.
 */
export function diskPercent (fs: FsBlocks): number {
  const used = fs.blocks - fs.bfree
  const usable = used + fs.bavail
  if (usable <= 0) return 0
  return 100 * used / usable
}
