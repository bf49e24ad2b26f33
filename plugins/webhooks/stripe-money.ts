import { badField } from '../../src/errors.js'
import { currencyExponent } from '../../src/lib/currencies.js'

// Stripe's own minor units differ from ISO 4217 for some currencies
// (docs.stripe.com/currencies): these are sent in whole units...
const ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF',
  'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'
])
// ...these in thousandths, as ISO has them...
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND'])
// ...and ISK, zero-decimal in ISO, still in hundredths for compatibility.
// Everything else is in hundredths.

function stripeExponent (code: string): number {
  if (ZERO_DECIMAL.has(code)) return 0
  if (THREE_DECIMAL.has(code)) return 3
  return 2
}

/**
 * A Stripe amount as ISO minor units of its currency: JPY 500 is 500 yen,
 * MGA 500 (whole ariary at Stripe) is 50000 ISO minor units, ISK 50000
 * (hundredths at Stripe) is 500 kronur.
 */
export function stripeToMinor (amount: number, code: string, field: string): number {
  const iso = currencyExponent(code)
  if (iso === undefined) throw badField(field, `has an unknown currency ${code}`)
  const shift = iso - stripeExponent(code)
  if (shift >= 0) {
    const minor = amount * 10 ** shift
    if (!Number.isSafeInteger(minor)) throw badField(field, 'is too large')
    return minor
  }
  const divisor = 10 ** -shift
  if (amount % divisor !== 0) {
    throw badField(field, `must be a whole number of ${code} minor units`)
  }
  return amount / divisor
}
