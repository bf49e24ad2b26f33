import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import type { ReplayRecord } from './record.js'
import { parseRees46, REES46_HEADER } from './rees46.js'
import { replay } from './send.js'
import { parseUci } from './uci.js'

const USAGE = 'usage: npm run replay -- FILE [--url http://host:port] ' +
  '[--speed N|max] [--key INGEST_KEY]'

function fail (message: string): never {
  process.stderr.write(`replay: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function readRecords (file: string): ReplayRecord[] {
  const bytes = readFileSync(file)
  const text = bytes.toString('utf8')
  // Ids from the file's content: the same file replayed twice counts once.
  const fileId = createHash('sha256').update(bytes).digest('hex').slice(0, 12)
  const header = text.slice(0, text.search(/\r?\n/))
  if (header === REES46_HEADER) return parseRees46(text, fileId)
  if (header.includes('"InvoiceNo"')) return parseUci(text)
  fail(`${basename(file)} is neither a REES46 nor a UCI Online Retail file`)
}

function speedOf (text: string): number | 'max' {
  if (text === 'max') return 'max'
  const n = Number(text)
  if (!(n > 0) || !Number.isFinite(n)) fail(`--speed must be a positive number or max, got "${text}"`)
  return n
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:5000' },
        speed: { type: 'string', default: '1' },
        key: { type: 'string' }
      }
    })
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
})()

try {
  const url = new URL(values.url)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
} catch {
  fail(`--url must be an http(s) URL such as http://127.0.0.1:5000, got "${values.url}"`)
}

const file = positionals[0]
if (file === undefined || positionals.length > 1) fail('give exactly one FILE')

let records: ReplayRecord[]
try {
  records = readRecords(file)
} catch (err) {
  fail(err instanceof Error ? err.message : String(err))
}

const started = Date.now()
let shown = -1
const result = await replay(records, {
  url: values.url,
  speed: speedOf(values.speed),
  key: values.key ?? process.env.ECOMPULSE_INGEST_KEY,
  onProgress: (sent, total) => {
    const percent = Math.floor((sent / total) * 100)
    if (percent === shown) return
    shown = percent
    // On a terminal one line updates in place; in a log, a line a step.
    const end = process.stderr.isTTY ? '' : '\n'
    const start = process.stderr.isTTY ? '\r' : ''
    process.stderr.write(`${start}replay: ${sent}/${total} events (${percent}%)${end}`)
  }
}).catch((err: unknown) => {
  process.stderr.write('\n')
  fail(err instanceof Error ? err.message : String(err))
})

process.stderr.write(`\nreplay: sent ${result.sent} events, ${result.stored} new, ` +
  `in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
