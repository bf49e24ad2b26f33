import type { FastifyPluginAsync } from 'fastify'
import { unauthorized } from '../../src/errors.js'
import { parseJson } from './fields.js'
import { header } from './raw-body.js'
import { webhookRoute } from './route.js'
import { STRIPE_TOLERANCE_S, verifyStripe } from './signature.js'
import { stripeEvents } from './stripe-events.js'

const REASONS = {
  malformed: 'Stripe-Signature is missing or has no t= and v1= values',
  mismatch: 'Stripe-Signature does not match the body',
  stale: `Stripe-Signature is more than ${STRIPE_TOLERANCE_S} s from the server clock`
}

/** POST /webhooks/stripe, signed with the endpoint's whsec_ secret. */
const stripe: FastifyPluginAsync<{ secret: string }> = async (app, { secret }) => {
  webhookRoute(app, {
    path: '/webhooks/stripe',
    summary: 'Stripe payment and refund events',
    description: 'Events checkout.session.completed (paid), ' +
      'checkout.session.async_payment_succeeded, payment_intent.succeeded ' +
      '(status succeeded) and charge.refunded, verified by Stripe-Signature ' +
      `within ${STRIPE_TOLERANCE_S} s. Test-mode and other events are ` +
      'answered 200 and book nothing.',
    verify (request, raw) {
      const check = verifyStripe(secret, raw, header(request, 'stripe-signature'),
        app.clock())
      if (check !== 'ok') throw unauthorized(REASONS[check])
    },
    events (request, raw) {
      const event = parseJson(raw)
      request.log.info({ type: event.type }, 'stripe webhook')
      return stripeEvents(event)
    }
  })
}

export default stripe
