import { validate } from '@readme/openapi-parser'
import t from 'tap'
import { ALL_ROUTES_ENV, fetchDocument, type Operation, type Schema } from './document.js'

const ERROR_FIELDS = ['statusCode', 'code', 'error', 'message']

// What each route can answer, from its handler, the error handler and
// Fastify's own checks (body limit, content type).
const STATUSES: Record<string, string[]> = {
  'post /api/events': ['202', '400', '401', '403', '413', '415', '500'],
  'get /api/metrics': ['200', '500'],
  'get /health': ['200', '500', '503'],
  'post /webhooks/shopify': ['200', '400', '401', '413', '500'],
  'post /webhooks/woocommerce': ['200', '400', '401', '413', '500'],
  'post /webhooks/stripe': ['200', '400', '401', '413', '500']
}

function operations (paths: Record<string, Record<string, Operation>>) {
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => [`${method} ${path}`, op] as const))
}

t.test('the document validates as OpenAPI 3', async (t) => {
  const { document } = await fetchDocument(t, ALL_ROUTES_ENV)
  t.equal(document.openapi, '3.0.3')
  // The validator dereferences in place; give it a copy.
  const result = await validate(structuredClone(document) as never)
  t.same(result.valid ? [] : result.errors, [], 'no schema errors')
  t.equal(result.valid, true)
})

t.test('every route is listed, /metrics and /docs are not', async (t) => {
  const { document } = await fetchDocument(t, ALL_ROUTES_ENV)
  const listed = operations(document.paths).map(([name]) => name).sort()
  t.same(listed, Object.keys(STATUSES).sort())
  t.notOk('/metrics' in document.paths, '/metrics stays hidden')
})

t.test('webhook routes are listed only when their secret is set', async (t) => {
  const { document } = await fetchDocument(t, {
    ECOMPULSE_STRIPE_SECRET: 'only-stripe'
  })
  const hooks = Object.keys(document.paths).filter((p) => p.startsWith('/webhooks/'))
  t.same(hooks, ['/webhooks/stripe'])
})

t.test('every status of every route is described, with its body schema', async (t) => {
  const { document, text } = await fetchDocument(t, ALL_ROUTES_ENV)
  t.notMatch(text, /Default Response|x-response-description/)
  for (const [name, op] of operations(document.paths)) {
    const statuses = Object.keys(op.responses)
    for (const status of STATUSES[name] ?? []) {
      t.ok(statuses.includes(status), `${name} lists ${status}`)
    }
    for (const [status, response] of Object.entries(op.responses)) {
      t.ok(response.description.length > 0, `${name} ${status} is described`)
      const schema = response.content?.['application/json']?.schema
      if (schema === undefined) {
        t.fail(`${name} ${status} has a JSON body schema`)
        continue
      }
      const errorShape = Number(status) >= 400 && !(name === 'get /health' && status === '503')
      if (errorShape) {
        t.equal(schema.title, 'Error', `${name} ${status} uses the error schema`)
        t.same(schema.required, ERROR_FIELDS, `${name} ${status} error fields`)
      }
    }
  }
  const health = document.paths['/health']?.get?.responses['503']?.content
  t.equal(health?.['application/json']?.schema.title, 'Health',
    '503 from /health carries the failing check')
})

t.test('the events body is documented, with both forms', async (t) => {
  const { document } = await fetchDocument(t)
  const body = document.paths['/api/events']?.post?.requestBody
  const forms = body?.content['application/json']?.schema.anyOf ?? []
  t.same(forms.map((s) => s.title), ['Event', 'EventBatch'])
})

/** Every property, nested ones included, as [path, schema]. */
function properties (schema: Schema, prefix = ''): Array<[string, Schema]> {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix + key
    const nested = child.items ?? child
    return [[path, child] as [string, Schema], ...properties(nested, `${path}.`)]
  })
}

// The figures of SPEC section 4 must say over what time they are measured.
const WINDOW = /last \d+ (minutes|hours)|last sample interval|latest sample|all time/

t.test('every figure says its formula and window', async (t) => {
  const { document } = await fetchDocument(t)
  const reply = document.paths['/api/metrics']?.get?.responses['200']
  const schema = reply?.content?.['application/json']?.schema
  if (schema === undefined) throw new Error('no schema for /api/metrics')
  const all = properties(schema)
  t.ok(all.length > 30, `${all.length} fields`)
  for (const [path, field] of all) {
    t.ok((field.description ?? '').length >= 15, `${path} is described`)
  }
  for (const figure of ['revenue', 'orders', 'conversionRate', 'activeUsers',
    'sessions', 'cpu', 'memory', 'disk', 'network', 'failedRequests',
    'latency', 'downtime', 'refunds', 'netRevenue', 'averageOrderValue',
    'bots', 'trafficSources.direct', 'trafficSources.ai']) {
    const description = all.find(([path]) => path === figure)?.[1].description
    t.match(description, WINDOW, `${figure} names its window`)
  }
})

t.test('Swagger UI is served at /docs', async (t) => {
  const { app } = await fetchDocument(t)
  const res = await app.inject('/docs/')
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.body, /swagger/i)
})
