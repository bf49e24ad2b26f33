import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../../src/lib/project-root.js'

export interface PanelQuery { panel: string, refId: string, expr: string }

interface Panel {
  title: string
  targets?: Array<{ refId: string, expr: string }>
  panels?: Panel[]
}

/** Every query of deploy/grafana/ecompulse.json, rows unfolded. */
export function dashboardQueries (): PanelQuery[] {
  const path = join(projectRoot, 'deploy', 'grafana', 'ecompulse.json')
  const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels: Panel[] }
  const all = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])])
  return all.flatMap((p) => (p.targets ?? []).map((target) =>
    ({ panel: p.title, refId: target.refId, expr: target.expr })))
}

/**
 * Grafana's variables as Grafana would fill them for a short look at a
 * Prometheus scraping every second.
 */
export function substitute (expr: string, job: string): string {
  return expr
    .replaceAll('$__rate_interval', '30s')
    .replaceAll('$__interval', '5s')
    .replaceAll('$__range', '5m')
    .replaceAll('$job', job)
}
