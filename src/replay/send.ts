import { setTimeout as sleep } from 'node:timers/promises'
import type { ReplayRecord } from './record.js'

export interface ReplayOptions {
  /** Base URL of the EcomPulse service. */
  url: string
  /** How many times faster than the file; 'max' sends as fast as it can. */
  speed: number | 'max'
  /** Ingest key, for services that require one for orders. */
  key?: string | undefined
  batchSize?: number
  /** Attempts per batch before giving up (default 5, about 7 s of waiting). */
  retries?: number
  onProgress?: (sent: number, total: number) => void
  /** Wall clock; tests pass their own. */
  now?: () => number
}

export interface ReplayResult {
  sent: number
  stored: number
}


async function post (url: string, key: string | undefined, events: unknown[],
  retries: number): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key !== undefined) headers.authorization = `Bearer ${key}`

  for (let attempt = 1; ; attempt++) {
    let status = 0
    let text = ''
    try {
      const res = await fetch(new URL('/api/events', url), {
        method: 'POST', headers, body: JSON.stringify({ events })
      })
      status = res.status
      text = await res.text()
      if (res.ok) return (JSON.parse(text) as { stored: number }).stored
    } catch (err) {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED).
      const cause = (err as { cause?: { code?: string, message?: string } }).cause
      const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err))
      text = `cannot reach ${url}: ${why}`
    }
    // A rejected batch will be rejected again; a busy or restarting service
    // may take it later, and event ids make the retry safe.
    if ((status >= 400 && status < 500) || attempt >= retries) {
      throw new Error(`batch refused (${status === 0 ? 'no answer' : status}): ${text}`)
    }
    await sleep(250 * 2 ** attempt)
  }
}

/**
 * Sends the records so the file's last event lands at the moment the replay
 * starts, keeping the file's spacing; with a speed N the sending is paced N
 * times faster than the file, with 'max' it is not paced at all.
 */
export async function replay (records: ReplayRecord[], options: ReplayOptions): Promise<ReplayResult> {
  const now = options.now ?? Date.now
  const batchSize = options.batchSize ?? 500
  const sorted = [...records].sort((a, b) => a.ts - b.ts)
  const first = sorted[0]?.ts ?? 0
  const last = sorted.at(-1)?.ts ?? 0
  const start = now()
  const shift = start - last

  let sent = 0
  let stored = 0
  while (sent < sorted.length) {
    let end = Math.min(sent + batchSize, sorted.length)
    if (options.speed !== 'max') {
      const dueBy = first + (now() - start) * options.speed
      const next = sorted[sent] as ReplayRecord
      if (next.ts > dueBy) {
        await sleep(Math.min(1000, (next.ts - dueBy) / options.speed))
        continue
      }
      while (end > sent + 1 && (sorted[end - 1] as ReplayRecord).ts > dueBy) end--
    }

    const batch = sorted.slice(sent, end).map((r) => ({
      ...r.event,
      timestamp: new Date(r.ts + shift).toISOString()
    }))
    stored += await post(options.url, options.key, batch, options.retries ?? 5)
    sent = end
    options.onProgress?.(sent, sorted.length)
  }
  return { sent, stored }
}
