import { readFile, statfs } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import {
  parseCgroupPath, parseCpuMax, parseCpuStatUsage, parseInactiveFile,
  parseMemoryCurrent, parseMemoryMax, quotaCpus, type CpuQuota
} from './cgroup.js'
import { diskPercent } from './disk.js'
import { hostMemoryPercent, parseMeminfo } from './meminfo.js'
import { parseNetDev, type IfaceBytes } from './net-dev.js'
import { parseProcStat, type CpuTimes } from './proc-stat.js'

/** A CPU counter reading; two of the same kind make a percentage. */
export type CpuReading =
  | { kind: 'host', times: CpuTimes }
  | { kind: 'cgroup', dir: string, usageUs: number, quota: CpuQuota }

/** Memory in use and what it is measured against. */
export interface MemoryReading {
  percent: number
  source: 'cgroup' | 'host'
}

/**
 * Reads the raw figures from a filesystem root: "/" in production, a
 * fixture tree in tests. Everything under `root` is read the way the
 * kernel lays it out (proc/stat, sys/fs/cgroup/...).
 */
export class HostReader {
  readonly root: string

  constructor (root = '/') {
    this.root = resolve(root)
  }

  async cpu (): Promise<CpuReading> {
    const limit = await this.tightest('cpu.max', (text) => {
      const quota = parseCpuMax(text)
      return quota === undefined ? undefined : { value: quotaCpus(quota), quota }
    })
    if (limit === undefined) {
      return { kind: 'host', times: parseProcStat(await this.read('proc/stat')) }
    }
    const stat = await readFile(join(limit.dir, 'cpu.stat'), 'utf8')
    return {
      kind: 'cgroup',
      dir: limit.dir,
      usageUs: parseCpuStatUsage(stat),
      quota: limit.quota
    }
  }

  async memory (): Promise<MemoryReading> {
    const limit = await this.tightest('memory.max', (text) => {
      const max = parseMemoryMax(text)
      return max === undefined ? undefined : { value: max, quota: max }
    })
    if (limit === undefined) {
      const info = parseMeminfo(await this.read('proc/meminfo'))
      return { percent: hostMemoryPercent(info), source: 'host' }
    }
    const current = parseMemoryCurrent(
      await readFile(join(limit.dir, 'memory.current'), 'utf8'))
    const stat = await readOptional(join(limit.dir, 'memory.stat'))
    const inUse = current - (stat === undefined ? 0 : parseInactiveFile(stat))
    return { percent: 100 * Math.max(inUse, 0) / limit.quota, source: 'cgroup' }
  }

  async network (): Promise<Map<string, IfaceBytes>> {
    return parseNetDev(await this.read('proc/net/dev'))
  }

  /**
   * Disk use of the filesystem holding `dir`. The data directory may not
   * exist yet (the store creates it), so the nearest existing ancestor
   * stands for it: it is on the filesystem the directory will be on.
   */
  async disk (dir: string): Promise<number> {
    let path = resolve(dir)
    for (;;) {
      try {
        return diskPercent(await statfs(path))
      } catch (err) {
        const parent = dirname(path)
        if (!isMissing(err) || parent === path) throw err
        path = parent
      }
    }
  }

  /**
   * The process's own cgroup v2 directory and the mount it lives under, or
   * undefined on a machine without cgroup v2. On hybrid hosts v2 is mounted
   * at sys/fs/cgroup/unified. When the path from /proc/self/cgroup is not
   * visible (a container without its own cgroup namespace sees the host's
   * path), the mount itself is the container's cgroup.
   */
  async cgroup (): Promise<{ mount: string, dir: string } | undefined> {
    const self = await readOptional(join(this.root, 'proc/self/cgroup'))
    const path = self === undefined ? undefined : parseCgroupPath(self)
    if (path === undefined) return undefined
    for (const sub of ['sys/fs/cgroup', 'sys/fs/cgroup/unified']) {
      const mount = join(this.root, sub)
      if (await readOptional(join(mount, 'cgroup.controllers')) === undefined) {
        continue
      }
      const dir = resolve(mount, `.${path}`)
      const inside = !relative(mount, dir).startsWith('..')
      const visible = inside &&
        await readOptional(join(dir, 'cgroup.controllers')) !== undefined
      return { mount, dir: visible ? dir : mount }
    }
    return undefined
  }

  /**
   * The tightest limit in `file` from the process's cgroup up to the
   * mount: a parent's limit binds its children too (a Kubernetes pod's
   * limit sits above its containers'). The root cgroup has no such files.
   */
  private async tightest<T> (
    file: string,
    parse: (text: string) => { value: number, quota: T } | undefined
  ): Promise<{ dir: string, quota: T } | undefined> {
    const cgroup = await this.cgroup()
    if (cgroup === undefined) return undefined
    let best: { dir: string, quota: T, value: number } | undefined
    let dir = cgroup.dir
    for (;;) {
      const text = await readOptional(join(dir, file))
      const limit = text === undefined ? undefined : parse(text)
      if (limit !== undefined && (best === undefined || limit.value < best.value)) {
        best = { dir, ...limit }
      }
      const parent = dirname(dir)
      if (dir === cgroup.mount || parent === dir) break
      dir = parent
    }
    return best
  }

  private async read (path: string): Promise<string> {
    return await readFile(join(this.root, path), 'utf8')
  }
}

/** A file's text, or undefined when it does not exist. */
async function readOptional (path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if (isMissing(err)) return undefined
    throw err
  }
}

function isMissing (err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
