import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  cgroupCpuPercent, parseCgroupPath, parseCpuMax, parseCpuStatUsage,
  parseInactiveFile, parseMemoryCurrent, parseMemoryMax, quotaCpus
} from '../../plugins/server-health/cgroup.js'
import { diskPercent } from '../../plugins/server-health/disk.js'
import {
  hostMemoryPercent, parseMeminfo
} from '../../plugins/server-health/meminfo.js'
import {
  networkMbps, parseNetDev
} from '../../plugins/server-health/net-dev.js'
import {
  clampPercent, hostCpuPercent, parseProcStat
} from '../../plugins/server-health/proc-stat.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'server-health')
const container = (path: string) =>
  readFileSync(join(fixtures, 'container-1cpu-512m', path), 'utf8')

t.test('/proc/stat: the aggregate line of a 16-core host', async (t) => {
  const times = parseProcStat(container('proc/stat'))
  // user+nice+system+idle+iowait+irq+softirq+steal; idle and iowait idle
  t.same(times, {
    busy: 4000000 + 1200 + 800000 + 9000,
    total: 4000000 + 1200 + 800000 + 50000000 + 40000 + 9000
  })
  t.throws(() => parseProcStat('intr 1\n'), /no "cpu" line/)
  t.throws(() => parseProcStat('cpu  1 2 x 4\n'), /malformed/)
})

t.test('host CPU percent is busy ticks over all ticks', async (t) => {
  const prev = { busy: 1000, total: 10000 }
  t.equal(hostCpuPercent(prev, { busy: 1400, total: 11600 }), 25)
  t.equal(hostCpuPercent(prev, prev), 0, 'no time passed: 0, not NaN')
  t.equal(hostCpuPercent(prev, { busy: 900, total: 9000 }), 0, 'counters went back')
  t.equal(clampPercent(101.5), 100)
  t.equal(clampPercent(Number.NaN), 0)
})

t.test('cgroup files', async (t) => {
  t.equal(parseCgroupPath('12:memory:/x\n0::/system.slice/a.service\n'),
    '/system.slice/a.service')
  t.equal(parseCgroupPath('0::/\n'), '/')
  t.equal(parseCgroupPath('4:memory:/docker/abc\n'), undefined, 'v1 only')

  t.same(parseCpuMax(container('sys/fs/cgroup/cpu.max')),
    { quotaUs: 100000, periodUs: 100000 })
  t.equal(parseCpuMax('max 100000\n'), undefined, 'max means no quota')
  t.equal(quotaCpus({ quotaUs: 150000, periodUs: 100000 }), 1.5)
  t.throws(() => parseCpuMax('abc 100000'), /cpu.max is malformed/)

  t.equal(parseCpuStatUsage(container('sys/fs/cgroup/cpu.stat')), 7000000)
  t.throws(() => parseCpuStatUsage('user_usec 1\n'), /usage_usec/)

  t.equal(parseMemoryMax(container('sys/fs/cgroup/memory.max')), 512 * 2 ** 20)
  t.equal(parseMemoryMax('max\n'), undefined)
  t.equal(parseMemoryCurrent(container('sys/fs/cgroup/memory.current')),
    308 * 2 ** 20)
  t.throws(() => parseMemoryCurrent('12k'), /memory.current is malformed/)
  t.equal(parseInactiveFile(container('sys/fs/cgroup/memory.stat')),
    52 * 2 ** 20)
  t.equal(parseInactiveFile('anon 5\n'), 0)
})

t.test('cgroup CPU percent is usage over the quota in the interval', async (t) => {
  const oneCpu = { quotaUs: 100000, periodUs: 100000 }
  // 0.5 s of CPU in 1 s with 1 CPU allowed: half the quota
  t.equal(cgroupCpuPercent(7_000_000, 7_500_000, 1_000_000, oneCpu), 50)
  const half = { quotaUs: 50000, periodUs: 100000 }
  t.equal(cgroupCpuPercent(0, 250_000, 1_000_000, half), 50)
  t.equal(cgroupCpuPercent(0, 250_000, 0, half), 0, 'no time passed')
})

t.test('/proc/meminfo: in use against the host total', async (t) => {
  const info = parseMeminfo(container('proc/meminfo'))
  t.same(info, { totalBytes: 64 * 2 ** 30, availableBytes: 48 * 2 ** 30 })
  t.equal(hostMemoryPercent(info), 25)
  t.equal(hostMemoryPercent({ totalBytes: 0, availableBytes: 0 }), 0)
  t.throws(() => parseMeminfo('MemTotal: 5 kB\n'), /MemAvailable/)
})

t.test('/proc/net/dev: bytes per interface, loopback left out', async (t) => {
  const ifaces = parseNetDev(container('proc/net/dev'))
  t.same([...ifaces], [['eth0', { rx: 151792544, tx: 788257 }]])
  t.throws(() => parseNetDev('eth0: 1 2 3\n'), /malformed/)

  const prev = new Map([['eth0', { rx: 0, tx: 0 }], ['eth1', { rx: 500, tx: 0 }]])
  const cur = new Map([
    ['eth0', { rx: 1_000_000, tx: 250_000 }], // 10 Mbit in 1 s
    ['eth1', { rx: 100, tx: 0 }], // recreated: counters went back
    ['wg0', { rx: 9e9, tx: 9e9 }] // new: no baseline yet
  ])
  t.equal(networkMbps(prev, cur, 1), 10)
  t.equal(networkMbps(prev, cur, 2), 5)
  t.equal(networkMbps(prev, cur, 0), 0, 'no time passed: 0, not Infinity')
})

t.test('disk percent as df computes it', async (t) => {
  // 100 blocks, 40 free of which 30 are available to users: 60 / 90
  t.equal(diskPercent({ bsize: 4096, blocks: 100, bfree: 40, bavail: 30 }),
    100 * 60 / 90)
  t.equal(diskPercent({ bsize: 4096, blocks: 0, bfree: 0, bavail: 0 }), 0)
})
