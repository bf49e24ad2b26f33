import t from 'tap'
import { formatMinorUnits, MoneyError, toMinorUnits, toMajorUnits } from '../../src/lib/money.js'

t.test('decimal text and numbers become exact minor units', async (t) => {
  t.equal(toMinorUnits('19.99', 'USD'), 1999)
  t.equal(toMinorUnits(19.99, 'USD'), 1999, 'never 1998 from 19.99 * 100')
  t.equal(toMinorUnits(0.1, 'USD') + toMinorUnits(0.2, 'USD'), 30)
  t.equal(toMinorUnits('409.94', 'USD'), 40994)
  t.equal(toMinorUnits('10', 'USD'), 1000)
  t.equal(toMinorUnits('1.5', 'EUR'), 150)
  t.equal(toMinorUnits('19.990', 'USD'), 1999, 'trailing zeros are fine')
  t.equal(toMinorUnits('500', 'JPY'), 500, 'yen have no minor unit')
  t.equal(toMinorUnits('1.234', 'KWD'), 1234, 'dinars have three')
  t.equal(toMinorUnits(' 7.00 ', 'GBP'), 700)
})

t.test('what is not an amount is refused with the rule', async (t) => {
  const rule = (value: string | number, currency = 'USD'): string => {
    try {
      toMinorUnits(value, currency)
      return 'accepted'
    } catch (err) {
      return err instanceof MoneyError ? err.rule : 'other error'
    }
  }
  t.equal(rule('-1.00'), 'must not be negative')
  t.equal(rule(-1), 'must not be negative')
  t.equal(rule('abc'), 'must be a decimal amount like 19.99')
  t.equal(rule('1e3'), 'must be a decimal amount like 19.99')
  t.equal(rule(''), 'must be a decimal amount like 19.99')
  t.equal(rule('19.999'), 'has more than 2 decimals for USD')
  t.equal(rule('1.5', 'JPY'), 'has more than 0 decimals for JPY')
  t.equal(rule(Number.NaN), 'must be a finite amount')
  t.equal(rule(Number.POSITIVE_INFINITY), 'must be a finite amount')
  t.equal(rule('1.00', 'XYZ'), 'unknown currency')
  t.equal(rule('9999999999999999'), 'must be a decimal amount like 19.99')
})

t.test('minor units print back exactly', async (t) => {
  t.equal(formatMinorUnits(1999, 'USD'), '19.99')
  t.equal(formatMinorUnits(5, 'USD'), '0.05')
  t.equal(formatMinorUnits(500, 'JPY'), '500')
  t.equal(formatMinorUnits(-1234, 'KWD'), '-1.234')
  t.equal(toMajorUnits(238784, 'USD'), 2387.84)
  t.equal(toMajorUnits(30, 'USD'), 0.3)
})

t.test('conversion between currencies is exact and rounds half up', async (t) => {
  const { convertMinorUnits } = await import('../../src/lib/money.js')
  t.equal(convertMinorUnits(850, '1.17', 0), 995, '8.50 EUR at 1.17 is 9.945 -> 9.95')
  t.equal(convertMinorUnits(1650, '1.17', 0), 1931)
  t.equal(convertMinorUnits(3250, '1.17', 0), 3803)
  t.equal(convertMinorUnits(100, '1.005', 0), 101)
  t.equal(convertMinorUnits(115, '1.5', 0), 173)
  t.equal(convertMinorUnits(1000, '0.0067', 2), 670, '1000 JPY into cents')
  t.equal(convertMinorUnits(1234, '3.25', -1), 401, '1.234 KWD into cents')
  t.equal(convertMinorUnits(0, '1.08', 0), 0)
})
