import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { projectRoot } from './project-root.js'

export type ListName = 'ai' | 'social' | 'search'

/**
 * Matomo's CC0 referrer lists, indexed for lookups by host. An entry is a
 * host (`facebook.com`), a host with a country wildcard (`google.{}`), a
 * host with a path (`x.com/i/grok`), or an Android package name.
 */
export interface ReferrerList {
  hosts: Set<string>
  wildcards: RegExp[]
  paths: Array<{ host: string, path: string }>
}

function emptyList (): ReferrerList {
  return { hosts: new Set(), wildcards: [], paths: [] }
}

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function addEntry (list: ReferrerList, raw: string): void {
  const entry = stripWww(raw.trim().toLowerCase())
  if (entry === '' || entry.startsWith('android-app')) return

  if (entry.includes('{}')) {
    // {} stands for a country code or TLD, possibly two labels: co.uk.
    const [before, after] = entry.split('{}') as [string, string]
    const pattern = `^${escape(before)}[a-z]{2,6}(\\.[a-z]{2,3})?${escape(after)}$`
    list.wildcards.push(new RegExp(pattern))
    return
  }

  const slash = entry.indexOf('/')
  if (slash > 0) {
    list.paths.push({ host: entry.slice(0, slash), path: entry.slice(slash) })
    return
  }
  list.hosts.add(entry)
}

export function stripWww (host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host
}

// Socials and AI assistants map a name to hosts; search engines map a name to
// a list of { urls: [...] } blocks.
function hostsOf (value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item: unknown) => {
    if (typeof item === 'string') return [item]
    if (item !== null && typeof item === 'object' && 'urls' in item) {
      const urls = (item as { urls: unknown }).urls
      return Array.isArray(urls) ? urls.filter((u) => typeof u === 'string') : []
    }
    return []
  })
}

export function parseReferrerList (yamlText: string): ReferrerList {
  const list = emptyList()
  const doc: unknown = parse(yamlText)
  if (doc === null || typeof doc !== 'object') return list
  for (const value of Object.values(doc)) {
    for (const host of hostsOf(value)) addEntry(list, host)
  }
  return list
}

const FILES: Record<ListName, string> = {
  ai: 'matomo-AIAssistants.yml',
  social: 'matomo-Socials.yml',
  search: 'matomo-SearchEngines.yml'
}

export type ReferrerLists = Record<ListName, ReferrerList>

export function loadReferrerLists (dir = join(projectRoot, 'referrers')): ReferrerLists {
  const read = (name: ListName): ReferrerList =>
    parseReferrerList(readFileSync(join(dir, FILES[name]), 'utf8'))
  return { ai: read('ai'), social: read('social'), search: read('search') }
}

/** Whether a host (and path) is on the list; subdomains of a listed host match. */
export function listHas (list: ReferrerList, host: string, path = '/'): boolean {
  const bare = stripWww(host)
  for (const entry of list.paths) {
    if (entry.host === bare && path.startsWith(entry.path)) return true
  }

  let candidate = bare
  for (;;) {
    if (list.hosts.has(candidate)) return true
    if (list.wildcards.some((re) => re.test(candidate))) return true
    const dot = candidate.indexOf('.')
    // Stop before a bare TLD: "co.uk" alone must not match every UK site.
    if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) return false
    candidate = candidate.slice(dot + 1)
  }
}
