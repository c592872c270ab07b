// The dependency rule of DESIGN §1, checked on every source file: arrows point one way
// (cli → tui → core, cli → plugin-* → core), plugins never import each other, core never imports
// the AWS SDK, Ink or React, nothing imports another package's deep paths or reaches into it with
// a relative path, and inside core a capability folder of services/ is entered only through its
// index.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const PACKAGES = join(ROOT, 'packages')
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/

/** The workspace packages (`@certdeck/<name>`) each package's src/ may import. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  'aws-sandbox': [],
  'plugin-acm': ['core'],
  'plugin-route53': ['core'],
  'store-postgres': ['core'],
  tui: ['core'],
  cli: ['core', 'tui', 'plugin-acm', 'plugin-route53', 'store-postgres', 'aws-sandbox'],
}

/** Third-party packages a package's src/ must not import. */
const FORBIDDEN_VENDORS: Readonly<Record<string, RegExp>> = {
  core: /^(@aws-sdk\/|ink$|ink-|react$|react\/|react-)/,
  tui: /^@aws-sdk\//,
  'plugin-acm': /^(ink$|ink-|react$|react\/)/,
  'plugin-route53': /^(ink$|ink-|react$|react\/)/,
  'store-postgres': /^(@aws-sdk\/|ink$|ink-|react$|react\/)/,
}

function filesUnder(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return []
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : SOURCE.test(name) ? [path] : []
  })
}

/** Every module specifier of a file: static and dynamic imports, re-exports, require(). */
function specifiersOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName)
}

/** The sub-paths (`testing` for `./testing`) a package's exports map offers besides `.`. */
function exportedSubpaths(pkg: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(PACKAGES, pkg, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>
  }
  return new Set(Object.keys(manifest.exports ?? {}).map((key) => key.replace(/^\.\/?/, '')))
}

/** What is wrong with one import of `file` (in package `pkg`, under its `area`: src, test or bench), if anything. */
function violationOf(pkg: string, area: string, file: string, spec: string): string | undefined {
  const where = relative(ROOT, file)
  const own = join(PACKAGES, pkg)
  if (spec.startsWith('.')) {
    const target = resolve(dirname(file), spec)
    if (!target.startsWith(own + sep)) return `${where}: '${spec}' reaches into another package by a relative path`
    const services = join(own, 'src', 'services')
    const targetCap = capabilityOf(services, target)
    if (pkg === 'core' && targetCap && capabilityOf(services, file) !== targetCap) {
      const face = join(services, targetCap, 'index.js')
      if (target !== face && target !== join(services, targetCap)) {
        return `${where}: '${spec}' enters services/${targetCap}/ other than through its index.ts`
      }
    }
    return undefined
  }
  const workspace = /^@certdeck\/([^/]+)(?:\/(.+))?$/.exec(spec)
  if (workspace) {
    const [, target, subpath] = workspace
    if (!(target in ALLOWED)) return `${where}: '${spec}' names no workspace package`
    if (subpath !== undefined && !exportedSubpaths(target).has(subpath)) {
      return `${where}: '${spec}' is a deep path; import from '@certdeck/${target}'`
    }
    if (area === 'src' && target !== pkg && !ALLOWED[pkg]?.includes(target)) {
      return `${where}: ${pkg} must not import @certdeck/${target} (DESIGN §1: cli → tui → core, cli → plugin-* → core)`
    }
    return undefined
  }
  if (area === 'src' && FORBIDDEN_VENDORS[pkg]?.test(spec)) return `${where}: ${pkg} must not import '${spec}'`
  return undefined
}

function capabilityOf(services: string, path: string): string | undefined {
  const rel = relative(services, path)
  if (rel.startsWith('..') || !rel.includes(sep)) return undefined
  return rel.split(sep)[0]
}

function scan(): { files: number; imports: number; violations: string[] } {
  let files = 0
  let imports = 0
  const violations: string[] = []
  for (const pkg of Object.keys(ALLOWED)) {
    for (const area of ['src', 'test', 'bench']) {
      for (const file of filesUnder(join(PACKAGES, pkg, area))) {
        files += 1
        for (const spec of specifiersOf(file)) {
          imports += 1
          const violation = violationOf(pkg, area, file, spec)
          if (violation) violations.push(violation)
        }
      }
    }
  }
  return { files, imports, violations }
}

describe('the dependency rule', () => {
  it('holds for every import of every package', () => {
    const { files, imports, violations } = scan()
    expect(files).toBeGreaterThan(300)
    expect(imports).toBeGreaterThan(2000)
    expect(violations).toEqual([])
  })

  it('names each kind of wrong import', () => {
    const core = join(PACKAGES, 'core', 'src', 'x.ts')
    const services = join(PACKAGES, 'core', 'src', 'services')
    expect(violationOf('core', 'src', core, 'ink')).toMatch(/core must not import 'ink'/)
    expect(violationOf('core', 'src', core, '@aws-sdk/client-acm')).toMatch(/must not import/)
    expect(violationOf('tui', 'src', core, '@certdeck/plugin-acm')).toMatch(/tui must not import @certdeck\/plugin-acm/)
    expect(violationOf('plugin-acm', 'src', core, '@certdeck/plugin-route53')).toMatch(/must not import/)
    expect(violationOf('cli', 'test', core, '@certdeck/core/src/api.js')).toMatch(/deep path/)
    expect(violationOf('core', 'src', core, '../../tui/src/index.js')).toMatch(/relative path/)
    expect(violationOf('core', 'src', join(services, 'deploy', 'a.ts'), '../requests/request-state.js')).toMatch(
      /enters services\/requests\/ other than through its index.ts/,
    )
    expect(violationOf('core', 'src', join(services, 'deploy', 'a.ts'), '../requests/index.js')).toBeUndefined()
    expect(violationOf('cli', 'test', core, '@certdeck/core/testing')).toBeUndefined()
  })
})
