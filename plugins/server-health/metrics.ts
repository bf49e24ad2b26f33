import { Gauge, type Registry } from 'prom-client'
import { COLLECTORS, type HealthSampler } from './sampler.js'

/** The names this file defines, for tests and docs. */
export const HEALTH_METRICS = [
  'ecom_server_cpu_usage',
  'ecom_server_memory_usage',
  'ecom_server_disk_usage',
  'ecom_server_network_mbps',
  'ecom_server_collector_success',
  'ecom_server_collector_duration_seconds'
] as const

/**
 * The host series. Each scrape reads the sampler's latest sample, the
 * one /api/metrics also returns, rather than reading /proc itself: a
 * rate needs a fixed interval, and both outputs must agree.
 */
export function healthMetrics (
  registry: Registry,
  sampler: HealthSampler,
  sampleMs: number
): void {
  const registers = [registry]
  const cached = `Sampled every ${sampleMs} ms; the value is the latest sample.`
  const window = `over the last sample interval (${sampleMs} ms)`

  const figure = (
    name: string,
    help: string,
    read: () => number
  ): void => {
    new Gauge({
      name,
      help: `${help} ${cached}`,
      registers,
      collect () { this.set(read()) }
    })
  }

  figure('ecom_server_cpu_usage',
    `Percent of the CPU available to the process used ${window}: cgroup ` +
    'cpu.stat usage_usec delta / (interval x cpu.max quota/period) when ' +
    'the cgroup has a quota, else busy/total jiffies of all cores from ' +
    '/proc/stat. 0 until the second sample.',
    () => sampler.figures.cpu)
  figure('ecom_server_memory_usage',
    'Percent of memory in use: (memory.current - inactive_file) / ' +
    'memory.max when the cgroup has a limit, else (MemTotal - MemAvailable) ' +
    '/ MemTotal from /proc/meminfo.',
    () => sampler.figures.memory)
  figure('ecom_server_disk_usage',
    'Percent used of the filesystem holding the data directory, as df ' +
    'computes it: used / (used + available), from statfs.',
    () => sampler.figures.disk)
  figure('ecom_server_network_mbps',
    `Megabits (10^6 bits) per second received plus sent ${window}, all ` +
    'interfaces of /proc/net/dev but loopback. 0 until the second sample.',
    () => sampler.figures.network)

  new Gauge({
    name: 'ecom_server_collector_success',
    help: 'Whether the latest sample of this health collector succeeded ' +
      '(1) or failed (0); a failed figure reads 0. ' + cached,
    labelNames: ['collector'],
    registers,
    collect () {
      for (const collector of COLLECTORS) {
        this.set({ collector }, sampler.runs[collector].ok ? 1 : 0)
      }
    }
  })
  new Gauge({
    name: 'ecom_server_collector_duration_seconds',
    help: 'How long the latest sample of this health collector took. ' + cached,
    labelNames: ['collector'],
    registers,
    collect () {
      for (const collector of COLLECTORS) {
        this.set({ collector }, sampler.runs[collector].seconds)
      }
    }
  })
}
