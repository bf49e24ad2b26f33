import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Test } from 'tap'
import { build, sharedData } from '../helper.js'

/** The throw-away secrets of the signature vectors in shared/data/README.md. */
export const SECRETS = {
  ECOMPULSE_SHOPIFY_SECRET: 'hush',
  ECOMPULSE_WOOCOMMERCE_SECRET: 'hush',
  ECOMPULSE_STRIPE_SECRET: 'whsec_hush'
}

/** The vectors' Stripe timestamp, 1700000000 s, as the app's clock. */
export const NOW = 1_700_000_000_000

export function fixture (name: string): Buffer {
  return readFileSync(join(sharedData, 'webhooks', name))
}

export function base64Hmac (secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('base64')
}

export function stripeSignature (body: Buffer | string, t = NOW / 1000,
  secret = SECRETS.ECOMPULSE_STRIPE_SECRET): string {
  const v1 = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')
  return `t=${t},v1=${v1}`
}

export async function webhookApp (t: Test, env: Record<string, string> = SECRETS) {
  return build(t, env, { clock: () => NOW })
}

type App = Awaited<ReturnType<typeof webhookApp>>

export interface Figures {
  revenue: number
  orders: number
  refunds: number
  netRevenue: number
  revenueByCurrency: Record<string, number>
  refundsByCurrency: Record<string, number>
}

export async function figures (app: App): Promise<Figures> {
  const res = await app.inject('/api/metrics')
  if (res.statusCode !== 200) throw new Error(`/api/metrics answered ${res.statusCode}`)
  const { revenue, orders, refunds, netRevenue, revenueByCurrency, refundsByCurrency } =
    res.json() as Figures
  return { revenue, orders, refunds, netRevenue, revenueByCurrency, refundsByCurrency }
}

export function post (app: App, platform: string, body: Buffer | string,
  headers: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `/webhooks/${platform}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: body
  })
}
