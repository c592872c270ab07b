import { readFile, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CertDeckPlugin } from './plugin.js'
import { CapabilityRegistry } from './registry.js'

/** Names third-party plugin packages must have. */
export const PLUGIN_PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?certdeck-plugin-[a-z0-9._~-]+$/

/** Options of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  /** Plugin objects given by the caller (the CLI's built-in ones, a script's own). */
  readonly plugins?: readonly unknown[]
  /**
   * Plugins from the config: package names, looked up in `<dataDir>/node_modules` only, or
   * absolute paths of package directories. Each default-exports a factory.
   */
  readonly packages?: readonly string[]
  /** The data directory whose `node_modules` holds the configured packages. */
  readonly dataDir?: string
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isPlugin(value: unknown): value is CertDeckPlugin {
  const plugin = value as CertDeckPlugin
  return (
    typeof plugin === 'object' &&
    plugin !== null &&
    typeof plugin.name === 'string' &&
    plugin.name !== '' &&
    typeof plugin.register === 'function'
  )
}

/** A plugin that cannot be loaded, with the reason. */
class Refused extends Error {}

/** The entry a manifest names, honouring `exports` (import/node/default), `module`, `main`. */
async function manifestEntry(packageDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>
  let target: unknown = manifest.exports
  if (typeof target === 'object' && target !== null && '.' in target) target = (target as Record<string, unknown>)['.']
  while (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    const conditions = target as Record<string, unknown>
    target = conditions.import ?? conditions.node ?? conditions.default
  }
  return typeof target === 'string' ? target : ((manifest.module ?? manifest.main ?? 'index.js') as string)
}

const inside = (dir: string, file: string) => {
  const path = relative(dir, file)
  return path !== '' && !path.startsWith('..') && !isAbsolute(path)
}

/**
 * The package directory of a configured plugin: `<dataDir>/node_modules/<name>` (never the
 * current directory, its parents or CertDeck's own installation), or an absolute path.
 */
async function packageDirOf(entry: string, dataDir: string | undefined): Promise<string> {
  if (isAbsolute(entry)) return entry
  if (!PLUGIN_PACKAGE_NAME.test(entry)) {
    throw new Refused(
      'not a plugin package name or an absolute path: accepted are certdeck-plugin-<name>, ' +
        '@<scope>/certdeck-plugin-<name> ' +
        '(installed in the data directory) and the absolute path of a package directory',
    )
  }
  const modules = dataDir ? join(dataDir, 'node_modules') : undefined
  const dir = modules ? join(modules, entry) : undefined
  if (
    !dir ||
    !(await stat(join(dir, 'package.json')).then(
      () => true,
      () => false,
    ))
  ) {
    throw new Refused(
      `not installed in ${modules ?? 'the data directory'}: install it there (cd ` +
        `${dataDir ?? '<data dir>'} && npm install ${entry})`,
    )
  }
  return dir
}

/**
 * The file URL of a package's entry, refused when the manifest points outside the package
 * directory, by a path (`../../x.js`) or through a symlink.
 */
async function confinedEntry(packageDir: string): Promise<string> {
  const root = await realpath(packageDir).catch(() => {
    throw new Refused(`${packageDir} does not exist`)
  })
  if (
    !(await stat(join(root, 'package.json')).then(
      () => true,
      () => false,
    ))
  )
    throw new Refused(`${packageDir} holds no package.json`)
  const target = await manifestEntry(root)
  const outside = () =>
    new Refused(`its entry "${target}" lies outside its package ${root}; a plugin's code must stay inside its package`)
  const file = resolve(root, target)
  if (!inside(root, file)) throw outside()
  const real = await realpath(file).catch(() => {
    throw new Refused(`its entry "${target}" does not exist in ${root}`)
  })
  if (!inside(root, real)) throw outside()
  return pathToFileURL(real).href
}

async function registerOne(registry: CapabilityRegistry, plugin: unknown, label: string): Promise<void> {
  if (!isPlugin(plugin)) {
    registry.fail(label, 'not a CertDeck plugin: expected an object with a non-empty "name" and a "register" function')
    return
  }
  if (registry.has(plugin.name)) {
    registry.fail(plugin.name, `a plugin named ${plugin.name} is already loaded`)
    return
  }
  const scope = registry.scope(plugin.name)
  try {
    await plugin.register(scope)
    scope.commit()
  } catch (error) {
    registry.fail(plugin.name, `register failed: ${describe(error)}`)
  }
}

/**
 * Registers the given plugin objects, then imports and registers each configured package
 * (`certdeck-plugin-*` or `@scope/certdeck-plugin-*` from `<dataDir>/node_modules`, or an
 * absolute package path; default export: a factory called with no arguments). Nothing else is
 * loaded: not the current directory's packages, not its parents'. An entry outside its package
 * is refused before it runs. A plugin that fails to load or register is recorded in
 * `status.failed` with its name and the cause, and contributes nothing; the others still work.
 */
export async function loadPlugins(options: LoadPluginsOptions = {}): Promise<CapabilityRegistry> {
  const registry = new CapabilityRegistry()
  for (const [index, plugin] of (options.plugins ?? []).entries()) {
    await registerOne(registry, plugin, `plugin #${index + 1}`)
  }
  for (const name of options.packages ?? []) {
    let plugin: unknown
    try {
      const url = await confinedEntry(await packageDirOf(name, options.dataDir))
      const module = (await import(url)) as { default?: unknown }
      if (typeof module.default !== 'function') {
        registry.fail(name, 'its default export is not a plugin factory function')
        continue
      }
      plugin = await (module.default as () => unknown)()
    } catch (error) {
      registry.fail(name, error instanceof Refused ? error.message : `failed to load: ${describe(error)}`)
      continue
    }
    await registerOne(registry, plugin, name)
  }
  return registry
}
