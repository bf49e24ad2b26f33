import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import shopify from './shopify.js'
import stripe from './stripe.js'
import woocommerce from './woocommerce.js'

const PLATFORMS: Array<{
  name: string
  secret: 'shopifySecret' | 'woocommerceSecret' | 'stripeSecret'
  plugin: FastifyPluginAsync<{ secret: string }>
}> = [
  { name: 'shopify', secret: 'shopifySecret', plugin: shopify },
  { name: 'woocommerce', secret: 'woocommerceSecret', plugin: woocommerce },
  { name: 'stripe', secret: 'stripeSecret', plugin: stripe }
]

/**
 * POST /webhooks/<platform> for each platform whose secret is configured;
 * without a secret nothing could be verified, so there is no route. Each
 * platform is its own encapsulated plugin, which keeps its raw-body parser
 * away from the rest of the app.
 */
export default fp(async function webhooksPlugin (app) {
  const live: string[] = []
  for (const { name, secret, plugin } of PLATFORMS) {
    const value = app.config[secret]
    if (value === undefined) continue
    await app.register(plugin, { secret: value })
    live.push(`/webhooks/${name}`)
  }
  app.log.info({ routes: live }, live.length === 0
    ? 'no webhook routes: no platform secret is set'
    : `webhook routes live: ${live.join(', ')}`)
}, { name: 'webhooks', dependencies: ['config', 'ingest'] })
