import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validate } from 'dockerfile-utils'
import t from 'tap'
import { projectRoot } from '../../src/lib/project-root.js'
import { argsOf, dockerfileText, stages } from './dockerfile.js'

// No container engine runs here, so the image is never built in these
// tests: they lint the Dockerfile and check what it promises.
const [build = [], runtime = []] = stages(dockerfileText)

t.test('dockerfile-utils finds no problem', async (t) => {
  const problems = validate(dockerfileText).map((d) =>
    `line ${d.range.start.line + 1}: ${d.message}`)
  t.same(problems, [])
})

t.test('the linter does flag a broken Dockerfile', async (t) => {
  const broken = 'FROM node:20-bookworm-slim\nEXPOSE http\nCMD a\nCMD b\n'
  t.equal(validate(broken).length, 2, 'a bad port and a second CMD')
})

t.test('two stages on node:20-bookworm-slim', async (t) => {
  t.equal(stages(dockerfileText).length, 2)
  t.match(argsOf(build, 'FROM')[0], /^node:20-bookworm-slim AS build$/)
  t.equal(argsOf(runtime, 'FROM')[0], 'node:20-bookworm-slim')
})

t.test('the build stage compiles, then keeps production dependencies only', async (t) => {
  const run = argsOf(build, 'RUN').join('\n')
  t.match(run, /apt-get install .*python3 make g\+\+/)
  t.match(run, /npm ci/)
  t.match(run, /npm run build && npm prune --omit=dev/)
  t.match(argsOf(build, 'ENV').join(' '), /npm_config_build_from_source=true/,
    'no prebuilt binary is fetched from outside the npm registry')
})

t.test('the runtime stage: no compilers, non-root, data in a volume', async (t) => {
  const all = runtime.map((i) => `${i.keyword} ${i.args}`).join('\n')
  t.notMatch(all, /apt-get|python3|g\+\+|npm ci|curl/)
  t.same(argsOf(runtime, 'USER'), ['node'])
  t.same(argsOf(runtime, 'VOLUME'), ['["/data"]'])
  t.match(argsOf(runtime, 'ENV').join(' '), /ECOMPULSE_DB=\/data\/ecompulse\.db/)
  t.same(argsOf(runtime, 'EXPOSE'), ['5000'])
  t.same(argsOf(runtime, 'STOPSIGNAL'), ['SIGTERM'])
  t.same(argsOf(runtime, 'CMD'), ['["node", "dist/src/server.js"]'],
    'node is PID 1 and receives SIGTERM itself')
  const copies = argsOf(runtime, 'COPY').join('\n')
  for (const needed of ['package.json', 'node_modules', 'dist', 'referrers']) {
    t.match(copies, new RegExp(`\\b${needed}\\b`), `copies ${needed}`)
  }
})

t.test('the healthcheck runs the built Node script, no curl', async (t) => {
  const [healthcheck = ''] = argsOf(runtime, 'HEALTHCHECK')
  t.match(healthcheck, /CMD \["node", "dist\/src\/healthcheck\.js"\]$/)
  t.match(healthcheck, /--timeout=5s/)
  t.ok(existsSync(join(projectRoot, 'src', 'healthcheck.ts')),
    'tsconfig.build.json compiles src/ to dist/src/')
})

t.test('every file the build copies from the context exists and is sent', async (t) => {
  const ignore = readFileSync(join(projectRoot, '.dockerignore'), 'utf8')
  const sent = ignore.split('\n').filter((l) => l.startsWith('!'))
    .map((l) => l.slice(1).replace(/\/$/, ''))
  t.match(ignore, /^\*$/m, 'everything else stays out of the context')
  const sources = [...build, ...runtime]
    .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
    .flatMap((i) => i.args.split(' ').slice(0, -1))
  t.ok(sources.length >= 6)
  for (const source of sources) {
    t.ok(existsSync(join(projectRoot, source)), `${source} exists`)
    t.ok(sent.includes(source), `${source} is not in .dockerignore`)
  }
})
