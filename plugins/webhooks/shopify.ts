import type { FastifyPluginAsync } from 'fastify'
import { unauthorized } from '../../src/errors.js'
import { parseJson } from './fields.js'
import { header } from './raw-body.js'
import { webhookRoute } from './route.js'
import { shopifyEvents } from './shopify-orders.js'
import { verifyBase64Hmac } from './signature.js'

/** POST /webhooks/shopify, signed with the app's client secret. */
const shopify: FastifyPluginAsync<{ secret: string }> = async (app, { secret }) => {
  webhookRoute(app, {
    path: '/webhooks/shopify',
    summary: 'Shopify order, cancellation and refund webhooks',
    description: 'Topics orders/create, orders/paid, orders/cancelled and ' +
      'refunds/create, verified by X-Shopify-Hmac-Sha256. Other topics are ' +
      'answered 200 and book nothing.',
    verify (request, raw) {
      if (!verifyBase64Hmac(secret, raw, header(request, 'x-shopify-hmac-sha256'))) {
        throw unauthorized('X-Shopify-Hmac-Sha256 is missing or does not match the body')
      }
    },
    events (request, raw) {
      // The event id names the change and is shared by every subscription
      // that hears of it; the webhook id names one delivery.
      const delivery = header(request, 'x-shopify-event-id') ??
        header(request, 'x-shopify-webhook-id')
      const topic = header(request, 'x-shopify-topic')
      request.log.info({ topic }, 'shopify webhook')
      return shopifyEvents(topic, parseJson(raw), delivery)
    }
  })
}

export default shopify
