// A small EcomPulse client written only against the types openapi-typescript
// generates from /docs/json. The test copies it beside the generated
// api.d.ts; it is not a .ts file here, so the project build skips it.
import type { paths } from './api.js'

type Metrics = paths['/api/metrics']['get']
export type MetricsReply =
  Metrics['responses']['200']['content']['application/json']

type Ingest = paths['/api/events']['post']
export type IngestBody = Ingest['requestBody']['content']['application/json']
export type IngestReply =
  Ingest['responses']['202']['content']['application/json']
export type ErrorReply =
  Ingest['responses']['400']['content']['application/json']

export async function fetchMetrics (base: string): Promise<MetricsReply> {
  const res = await fetch(`${base}/api/metrics`)
  if (res.status !== 200) throw new Error(`GET /api/metrics: ${res.status}`)
  return await res.json() as MetricsReply
}

export async function postEvent (base: string, body: IngestBody):
Promise<{ status: number, reply: IngestReply | ErrorReply }> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { status: res.status, reply: await res.json() as IngestReply }
}

export function headline (m: MetricsReply): string {
  const direct: number = m.trafficSources.direct
  return `${m.revenue} ${m.currency} from ${m.orders} orders; ` +
    `${m.sessions} sessions, ${direct} direct; p95 ${m.latency} ms`
}

export const order: IngestBody = {
  type: 'order_completed',
  id: 'client-evt-1',
  sessionId: 'client-s-1',
  order: { id: 'client-o-1', total: '19.99', currency: 'USD' }
}

export const batch: IngestBody = {
  events: [{ type: 'page_view', sessionId: 'client-s-1', url: 'https://shop.test/' }]
}

// Each line below is wrong on purpose; the test compiles a copy without
// these markers and expects exactly these errors.
// @ts-expect-error WRONG revenu is not a field of the reply
export const typo = (m: MetricsReply): number => m.revenu
// @ts-expect-error WRONG revenue is a number, not a string
export const asText = (m: MetricsReply): string => m.revenue
// @ts-expect-error WRONG "purchase" is not an event type
export const badType: IngestBody = { type: 'purchase' }
// @ts-expect-error WRONG sesionId is not a field of an event
export const badField: IngestBody = { type: 'page_view', sesionId: 's' }
