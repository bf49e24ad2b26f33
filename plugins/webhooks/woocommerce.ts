import type { FastifyPluginAsync } from 'fastify'
import { badField, unauthorized } from '../../src/errors.js'
import { parseJson } from './fields.js'
import { header } from './raw-body.js'
import { webhookRoute } from './route.js'
import { verifyBase64Hmac } from './signature.js'
import { wooEvents } from './woocommerce-orders.js'

// Saving a webhook in WooCommerce sends this form body, unsigned, and the
// webhook stays inactive unless it is answered 2xx. It books nothing.
const PING = /^webhook_id=\d{1,20}$/

/** POST /webhooks/woocommerce, signed with the webhook's secret. */
const woocommerce: FastifyPluginAsync<{ secret: string }> = async (app, { secret }) => {
  webhookRoute(app, {
    path: '/webhooks/woocommerce',
    summary: 'WooCommerce order webhooks',
    description: 'Topics order.created and order.updated, verified by ' +
      'X-WC-Webhook-Signature. The form-encoded ping sent when a webhook is ' +
      'saved is answered 200. Other topics are answered 200 and book nothing.',
    verify (request, raw) {
      const type = request.headers['content-type'] ?? ''
      if (type.startsWith('application/x-www-form-urlencoded') &&
        PING.test(raw.toString('latin1').trim())) return
      if (!verifyBase64Hmac(secret, raw, header(request, 'x-wc-webhook-signature'))) {
        throw unauthorized('X-WC-Webhook-Signature is missing or does not match the body')
      }
    },
    events (request, raw) {
      const type = request.headers['content-type'] ?? ''
      if (type.startsWith('application/x-www-form-urlencoded')) {
        if (!PING.test(raw.toString('latin1').trim())) {
          throw badField('content-type', 'must be application/json for order webhooks')
        }
        request.log.info('woocommerce ping')
        return []
      }
      // Real deliveries send X-WC-Webhook-Delivery-ID; the docs name the
      // header X-WC-Delivery-ID.
      const delivery = header(request, 'x-wc-webhook-delivery-id') ??
        header(request, 'x-wc-delivery-id')
      const topic = header(request, 'x-wc-webhook-topic')
      request.log.info({ topic }, 'woocommerce webhook')
      return wooEvents(topic, parseJson(raw), delivery)
    }
  })
}

export default woocommerce
