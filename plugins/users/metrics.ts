import { Counter, Gauge, type Registry } from 'prom-client'
import { CHANNELS } from '../../src/lib/channel.js'
import { setCounter } from '../../src/lib/prom.js'
import type { UserFigures } from './index.js'

export interface UserReadings {
  activeUsers: () => number
  sessions: () => Pick<UserFigures, 'sessions' | 'trafficSources'>
  bots: () => number
}

/** The visitor series, computed from live windows when Prometheus scrapes. */
export function usersMetrics (registry: Registry, read: UserReadings): void {
  const registers = [registry]

  new Gauge({
    name: 'ecom_active_users',
    help: 'Distinct visitors with any event in the last 5 minutes (by default).',
    registers,
    collect () { this.set(read.activeUsers()) }
  })

  // Sessions and every channel gauge come from one pass over the sessions.
  let sessions: ReturnType<UserReadings['sessions']> | undefined
  new Gauge({
    name: 'ecom_sessions',
    help: 'Sessions with any event in the last 30 minutes (by default); ' +
      'a session ends after 30 minutes without events.',
    registers,
    collect () {
      sessions = read.sessions()
      this.set(sessions.sessions)
    }
  })
  for (const channel of CHANNELS) {
    new Gauge({
      name: `ecom_traffic_${channel}`,
      help: `Sessions of the last 30 minutes whose first event came from ` +
        `the ${channel} channel.`,
      registers,
      collect () {
        this.set((sessions ?? read.sessions()).trafficSources[channel])
        if (channel === CHANNELS[CHANNELS.length - 1]) sessions = undefined
      }
    })
  }

  new Counter({
    name: 'ecom_bot_events_total',
    help: 'Events whose user agent is a bot\'s; they count in nothing else.',
    registers,
    collect () { setCounter(this, read.bots()) }
  })
}
