// npm run openapi: writes the OpenAPI 3 document to gen/openapi.json (or
// the path given) and TypeScript types for it to gen/api.d.ts, for users
// who generate clients. It builds the app without listening, with every
// webhook secret set so every route is listed; none of it is kept.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import openapiTS, { astToString } from 'openapi-typescript'
import { buildApp } from '../dist/src/app.js'
import { loadConfig } from '../dist/src/config.js'

const out = process.argv[2] ?? 'gen/openapi.json'
const scratch = mkdtempSync(join(tmpdir(), 'ecompulse-openapi-'))
const app = await buildApp(loadConfig({
  ECOMPULSE_DB: join(scratch, 'ecompulse.db'),
  ECOMPULSE_SHOPIFY_SECRET: 'documentation-only',
  ECOMPULSE_WOOCOMMERCE_SECRET: 'documentation-only',
  ECOMPULSE_STRIPE_SECRET: 'documentation-only'
}))
try {
  await app.ready()
  const document = app.swagger()
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify(document, null, 2) + '\n')
  const types = join(dirname(out), 'api.d.ts')
  writeFileSync(types, astToString(await openapiTS(document)))
  process.stdout.write(`wrote ${out} and ${types}\n`)
} finally {
  await app.close()
  rmSync(scratch, { recursive: true, force: true })
}
