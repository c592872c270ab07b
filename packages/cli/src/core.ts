/**
 * `@certdeck/core` and the plugins, loaded when a command first needs them rather than when
 * the bin starts: `--help`, `--version` and usage errors never load them, and commands load them
 * once. Types come from static `import type`, which costs nothing at run time.
 */
type Core = typeof import('@certdeck/core')

let core: Promise<Core> | undefined
let loaded: Core | undefined

/** Loads `@certdeck/core` (once). */
export function loadCore(): Promise<Core> {
  core ??= import('@certdeck/core').then((module) => {
    loaded = module
    return module
  })
  return core
}

/**
 * `@certdeck/core` once {@link loadCore} has loaded it, for synchronous helpers of the output
 * (a command prints only after it opened the repository, which loads core). A bug otherwise.
 */
export function loadedCore(): Core {
  if (!loaded) throw new Error('@certdeck/core was used before loadCore() loaded it')
  return loaded
}

/** The AWS (ACM, IAM) and Route 53 plugins the CLI opens repositories with. */
export async function loadPlugins(): Promise<import('@certdeck/core').CertDeckPlugin[]> {
  const [{ default: acm }, { default: route53 }] = await Promise.all([
    import('@certdeck/plugin-acm'),
    import('@certdeck/plugin-route53'),
  ])
  return [acm(), route53()]
}
