import { join } from 'node:path'
import t from 'tap'
import { HostReader } from '../../plugins/server-health/host-reader.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'server-health')
const reader = (name: string) => new HostReader(join(fixtures, name))

t.test('a container limited to 1 CPU and 512 MiB on a 16-core host', async (t) => {
  const r = reader('container-1cpu-512m')
  const cgroup = join(r.root, 'sys/fs/cgroup')
  t.same(await r.cgroup(), { mount: cgroup, dir: cgroup })
  t.same(await r.cpu(), {
    kind: 'cgroup',
    dir: cgroup,
    usageUs: 7000000,
    quota: { quotaUs: 100000, periodUs: 100000 }
  }, 'CPU is read against the quota, not the 16 host cores')
  // (308 MiB charged - 52 MiB inactive cache) / 512 MiB
  t.same(await r.memory(), { percent: 50, source: 'cgroup' },
    'memory is against memory.max, not the 64 GiB host')
})

t.test('a cgroup with no limit falls back to the host', async (t) => {
  const r = reader('cgroup-no-limit')
  t.same(await r.cgroup(), {
    mount: join(r.root, 'sys/fs/cgroup'),
    dir: join(r.root, 'sys/fs/cgroup/system.slice/shop.service')
  })
  const cpu = await r.cpu()
  t.equal(cpu.kind, 'host', 'cpu.max "max": all cores of /proc/stat')
  t.same(await r.memory(), { percent: 25, source: 'host' },
    'memory.max "max": MemTotal - MemAvailable')
})

t.test('a machine with no cgroup files at all', async (t) => {
  const r = reader('no-cgroup')
  t.equal(await r.cgroup(), undefined)
  t.equal((await r.cpu()).kind, 'host')
  t.same(await r.memory(), { percent: 25, source: 'host' })
  t.same([...await r.network()].map(([name]) => name), ['eth0'])
})

t.test('the tightest limit up the hierarchy binds', async (t) => {
  // A pod limit of 2 CPUs and 1 GiB above a container without limits of
  // its own, and a looser slice above the pod.
  const root = t.testdir({
    proc: { self: { cgroup: '0::/kubepods/pod1/ctr\n' } },
    sys: {
      fs: {
        cgroup: {
          'cgroup.controllers': 'cpu memory\n',
          kubepods: {
            'cgroup.controllers': 'cpu memory\n',
            'cpu.max': '800000 100000\n',
            'memory.max': String(8 * 2 ** 30),
            pod1: {
              'cgroup.controllers': 'cpu memory\n',
              'cpu.max': '200000 100000\n',
              'cpu.stat': 'usage_usec 42\n',
              'memory.max': String(2 ** 30),
              'memory.current': String(2 ** 28),
              ctr: {
                'cgroup.controllers': 'cpu memory\n',
                'cpu.max': 'max 100000\n',
                'memory.max': 'max\n'
              }
            }
          }
        }
      }
    }
  })
  const r = new HostReader(root)
  const pod = join(root, 'sys/fs/cgroup/kubepods/pod1')
  t.same(await r.cpu(), {
    kind: 'cgroup',
    dir: pod,
    usageUs: 42,
    quota: { quotaUs: 200000, periodUs: 100000 }
  })
  t.same(await r.memory(), { percent: 25, source: 'cgroup' },
    'memory.stat absent: all of memory.current counts')
})

t.test('hybrid host: v2 under unified; a foreign path means the mount',
  async (t) => {
  const root = t.testdir({
    proc: { self: { cgroup: '4:memory:/docker/abc\n0::/docker/abc\n' } },
    sys: {
      fs: {
        cgroup: {
          memory: {},
          unified: {
            'cgroup.controllers': 'memory\n',
            'memory.max': String(2 ** 30),
            'memory.current': String(2 ** 29)
          }
        }
      }
    }
  })
  const r = new HostReader(root)
  const unified = join(root, 'sys/fs/cgroup/unified')
  t.same(await r.cgroup(), { mount: unified, dir: unified })
  t.same(await r.memory(), { percent: 50, source: 'cgroup' })
})

t.test('disk: the nearest existing directory stands for one not made',
  async (t) => {
  const dir = t.testdir()
  const r = new HostReader()
  const existing = await r.disk(dir)
  const missing = await r.disk(join(dir, 'not', 'made', 'yet'))
  // The same filesystem, read twice: other tests may write in between.
  t.ok(Math.abs(missing - existing) < 0.5, `${missing} % vs ${existing} %`)
  t.ok(existing > 0 && existing <= 100, `disk ${existing} %`)
})

t.test('missing /proc files are errors, not zeros', async (t) => {
  const r = new HostReader(t.testdir({}))
  await t.rejects(r.cpu(), { code: 'ENOENT' })
  await t.rejects(r.memory(), { code: 'ENOENT' })
  await t.rejects(r.network(), { code: 'ENOENT' })
})
