import { readFile, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CertDeckPlugin } from './plugin.js'
import { CapabilityRegistry } from './registry.js'

/** Names third-party plugin packages must have. */
export const PLUGIN_PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?certdeck-plugin-[a-z0-9._~-]+$/

/** Options of {@link loadPlugins}. */
export interface LoadPluginsOptions {
  /** Plugin objects given by the caller (the CLI's built-in ones, a script's own). */
  readonly plugins?: readonly unknown[]
  /** Package names from the config, each with a default-exported factory. */
  readonly packages?: readonly string[]
  /**
   * Directories whose `node_modules` are searched for packages, in order; CertDeck's own
   * installation is tried last. @default [process.cwd()]
   */
  readonly resolveFrom?: readonly string[]
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function isPlugin(value: unknown): value is CertDeckPlugin {
  const plugin = value as CertDeckPlugin
  return typeof plugin === 'object' && plugin !== null && typeof plugin.name === 'string' && plugin.name !== '' && typeof plugin.register === 'function'
}

/** The entry file of an installed package, honouring `exports` (import/node/default), `module`, `main`. */
async function entryOf(packageDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>
  let target: unknown = manifest.exports
  if (typeof target === 'object' && target !== null && '.' in target) target = (target as Record<string, unknown>)['.']
  while (typeof target === 'object' && target !== null && !Array.isArray(target)) {
    const conditions = target as Record<string, unknown>
    target = conditions.import ?? conditions.node ?? conditions.default
  }
  const file = typeof target === 'string' ? target : ((manifest.module ?? manifest.main ?? 'index.js') as string)
  return join(packageDir, file)
}

async function resolvePackage(name: string, bases: readonly string[]): Promise<string | undefined> {
  for (const base of bases) {
    const require = createRequire(join(base, 'package.json'))
    for (const dir of require.resolve.paths(name) ?? []) {
      const packageDir = join(dir, name)
      if (await stat(join(packageDir, 'package.json')).then(() => true, () => false)) {
        return pathToFileURL(await entryOf(packageDir)).href
      }
    }
  }
  return undefined
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
 * (`certdeck-plugin-*` or `@scope/certdeck-plugin-*`, default export: a factory called with no
 * arguments). A plugin that fails to load or register is recorded in `status.failed` with its
 * name and the cause, and contributes nothing; the others still work.
 */
export async function loadPlugins(options: LoadPluginsOptions = {}): Promise<CapabilityRegistry> {
  const registry = new CapabilityRegistry()
  for (const [index, plugin] of (options.plugins ?? []).entries()) {
    await registerOne(registry, plugin, `plugin #${index + 1}`)
  }
  for (const name of options.packages ?? []) {
    if (!PLUGIN_PACKAGE_NAME.test(name)) {
      registry.fail(name, 'not a plugin package name: accepted are certdeck-plugin-<name> and @<scope>/certdeck-plugin-<name>')
      continue
    }
    let plugin: unknown
    const bases = options.resolveFrom ?? [process.cwd()]
    let url: string | undefined
    try {
      url = await resolvePackage(name, bases)
      const module = (await import(url ?? name)) as { default?: unknown }
      if (typeof module.default !== 'function') {
        registry.fail(name, 'its default export is not a plugin factory function')
        continue
      }
      plugin = await (module.default as () => unknown)()
    } catch (error) {
      const missing = url === undefined && (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND'
      registry.fail(
        name,
        missing
          ? `not installed: looked in the node_modules of ${bases.join(', ')} and of CertDeck itself; install it there with npm`
          : `failed to load: ${describe(error)}`,
      )
      continue
    }
    await registerOne(registry, plugin, name)
  }
  return registry
}
