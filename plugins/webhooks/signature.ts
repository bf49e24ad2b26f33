import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Equal-length buffers compared in constant time. A length mismatch is
 * answered at once: the length of a MAC is public, its bytes are not.
 */
export function sameBytes (a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Shopify and WooCommerce: base64 HMAC-SHA256 of the raw body. */
export function verifyBase64Hmac (secret: string, raw: Buffer,
  header: string | undefined): boolean {
  if (header === undefined) return false
  const expected = createHmac('sha256', secret).update(raw).digest()
  // Decoding is lenient (it skips junk), so the header must also be the
  // canonical encoding of what it decodes to.
  const given = Buffer.from(header.trim(), 'base64')
  return given.toString('base64') === header.trim() && sameBytes(expected, given)
}

export const STRIPE_TOLERANCE_S = 300

export type StripeCheck = 'ok' | 'malformed' | 'stale' | 'mismatch'

/**
 * Stripe-Signature: t=<unix s>,v1=<hex>[,v1=<hex>...] over "<t>.<body>".
 * Several v1 values appear while a secret rolls; any one may match. The
 * timestamp must be within the tolerance either way, so a captured
 * delivery cannot be replayed later (or pre-dated).
 */
export function verifyStripe (secret: string, raw: Buffer,
  header: string | undefined, nowMs: number): StripeCheck {
  if (header === undefined) return 'malformed'
  let t: string | undefined
  const signatures: Buffer[] = []
  for (const part of header.split(',')) {
    const eq = part.indexOf('=')
    const key = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (key === 't') t = value
    if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Buffer.from(value, 'hex'))
    }
  }
  if (t === undefined || !/^\d{1,12}$/.test(t) || signatures.length === 0) {
    return 'malformed'
  }

  const expected = createHmac('sha256', secret)
    .update(`${t}.`).update(raw).digest()
  // Check every candidate, so timing does not tell which one matched.
  let matched = false
  for (const signature of signatures) {
    if (sameBytes(expected, signature)) matched = true
  }
  if (!matched) return 'mismatch'
  const age = Math.abs(nowMs / 1000 - Number(t))
  return age > STRIPE_TOLERANCE_S ? 'stale' : 'ok'
}
