// certdeck-plugin-dns-hook: a CertDeck DNS provider that runs your own scripts, like certbot's
// manual hooks or acme.sh's dnsapi, so any DNS host can take ACM's validation records.
// Plain ESM with no dependencies: it imports nothing from CertDeck at run time (types only,
// in index.d.ts). The worked example of docs/plugins.md.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'

/** @typedef {import('@certdeck/core').DnsProvider} DnsProvider */
/** @typedef {import('@certdeck/core').DnsRecord} DnsRecord */
/** @typedef {import('@certdeck/core').DnsZone} DnsZone */

const DEFAULT_TIMEOUT_MS = 60_000

/**
 * An error CertDeck shows as it is: core recognises `name === 'CertDeckError'` with a `code`,
 * so a plugin needs no import of core to throw one.
 */
class HookError extends Error {
  /** @param {string} code @param {string} message @param {'input' | 'failure'} kind @param {unknown} [cause] */
  constructor(code, message, kind, cause) {
    super(message, { cause })
    this.name = 'CertDeckError'
    this.code = code
    this.kind = kind
  }
}

/** The `certdeck dns add` flags of the script settings. */
const FLAGS = { addScript: '--add-script ', removeScript: '--remove-script ' }

/** A DNS name in CertDeck's form: lower case, no trailing dot. @param {string} name */
const dnsName = (name) => name.trim().toLowerCase().replace(/\.$/, '')

/** @param {Readonly<Record<string, string>>} settings @param {string} key @param {string} provider */
function scriptSetting(settings, key, provider) {
  const path = settings[key]?.trim()
  if (!path || !isAbsolute(path)) {
    throw new HookError(
      'DNS_HOOK_SETTING',
      `DNS provider "${provider}" (hook) needs ${key} as an absolute path to an executable script, ` +
        `not ${path ? `"${path}"` : 'nothing'}. Remove it and add it again with ` +
        `${FLAGS[key] ?? `--setting ${key}=`}/path/to/script.`,
      'input',
    )
  }
  return path
}

/**
 * The environment of a script: CertDeck's own variables removed (CERTDECK_PASSPHRASE must never
 * reach a script), the record's added.
 * @param {Record<string, string>} vars
 */
function scriptEnv(vars) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CERTDECK_')))
  return { ...env, ...vars }
}

/** The most stdout a script may print (a zone list): 1 MiB. */
const STDOUT_LIMIT = 1024 * 1024
/** The most of a failing script's stderr kept in its log file (the end): 64 KiB. */
const STDERR_KEPT = 64 * 1024

/**
 * Writes a failed run's stderr to a new private file (a 0700 directory of its own, the file
 * 0600) and returns its path. Stderr stays out of errors and so out of the audit log: a `set -x`
 * script prints its DNS API token there.
 * @param {string} role @param {string} stderr
 */
function keepStderr(role, stderr) {
  const dir = mkdtempSync(join(tmpdir(), 'certdeck-dns-hook-'))
  const file = join(dir, `${role}-stderr.log`)
  writeFileSync(file, stderr, { mode: 0o600 })
  return file
}

/**
 * Runs one script (never through a shell) in a process group of its own; resolves with its
 * stdout. A time-out or an abort kills the whole group (the script's `sleep`, `curl`… too, so
 * nothing changes DNS after CertDeck reported the run stopped). A non-zero exit, a time-out or a
 * missing script is a HookError whose message says where the script's stderr was kept, never
 * what it said; an abort rejects with an AbortError.
 * @param {{ provider: string, role: string, script: string, what: string, timeoutMs: number }} run
 * @param {Record<string, string>} vars
 * @param {AbortSignal} [signal]
 * @returns {Promise<string>}
 */
function runScript(run, vars, signal) {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted()
    const child = spawn(run.script, [], { env: scriptEnv(vars), detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let stopped = /** @type {'timeout' | 'abort' | 'output' | undefined} */ (undefined)
    const killGroup = (why) => {
      stopped ??= why
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        // The group is gone already.
      }
    }
    const timer = setTimeout(() => killGroup('timeout'), run.timeoutMs)
    const onAbort = () => killGroup('abort')
    signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk
      if (stdout.length > STDOUT_LIMIT) killGroup('output')
    })
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT)
    })
    const who = `The ${run.role} script ${run.script} of DNS provider "${run.provider}"`
    let finished = false
    const finish = (/** @type {Error | undefined} */ error, /** @type {number | null} */ code, signalName) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      if (stopped === 'abort') {
        return reject(
          Object.assign(new Error(`${who} was stopped: the operation was aborted.`), { name: 'AbortError' }),
        )
      }
      const kept = stderr.trim() ? `; its stderr is in ${keepStderr(run.role, stderr)}` : ''
      if (error) {
        const code = /** @type {NodeJS.ErrnoException} */ (error).code
        return reject(
          code === 'ENOENT' || code === 'EACCES'
            ? new HookError(
                'DNS_HOOK_SCRIPT',
                `${who} cannot be run (${code}): check the path and make it executable (chmod +x).`,
                'input',
                error,
              )
            : new HookError(
                'DNS_HOOK_FAILED',
                `${who} could not be started for ${run.what} (${code}).`,
                'failure',
                error,
              ),
        )
      }
      if (stopped === 'timeout') {
        return reject(
          new HookError(
            'DNS_HOOK_TIMEOUT',
            `${who} ran longer than ${run.timeoutMs / 1000} s for ${run.what} and was stopped with every process it started${kept}.`,
            'failure',
          ),
        )
      }
      if (stopped === 'output') {
        return reject(
          new HookError(
            'DNS_HOOK_FAILED',
            `${who} printed more than 1 MiB for ${run.what} and was stopped.`,
            'failure',
          ),
        )
      }
      if (code === 0) return resolve(stdout)
      reject(
        new HookError(
          'DNS_HOOK_FAILED',
          `${who} failed for ${run.what} (exit code ${code ?? signalName})${kept}.`,
          'failure',
        ),
      )
    }
    child.once('error', (error) => finish(error, null, null))
    child.once('close', (code, signalName) => finish(undefined, code, signalName))
  })
}

// A NUL makes the environment unusable, and a line break lets a value pass for two lines of a script's input.
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Refuses, before any script runs, a record whose name, type, value or zone holds a control
 * character (`DNS_HOOK_RECORD`).
 * @param {string} provider @param {DnsZone} zone @param {readonly DnsRecord[]} records
 */
function checkRecords(provider, zone, records) {
  for (const record of records) {
    for (const [field, value] of [
      ['name', record.name],
      ['type', record.type],
      ['value', record.value],
      ['zone', zone.name],
    ]) {
      if (CONTROL.test(String(value))) {
        throw new HookError(
          'DNS_HOOK_RECORD',
          `DNS provider "${provider}" (hook) was handed a record whose ${field} holds a control character ` +
            `(${JSON.stringify(String(value))}); no script was run. A DNS name or value never holds one: check where the record came from.`,
          'input',
        )
      }
    }
  }
}

/**
 * One configured hook provider. Script runs of one provider never overlap (a queue), so scripts
 * that edit a file or call a simple API need no locking of their own.
 * @param {import('@certdeck/core').DnsProviderInstance} instance
 * @param {number} defaultTimeoutMs
 * @returns {DnsProvider}
 */
function createHookProvider({ name: provider, settings }, defaultTimeoutMs) {
  const addScript = scriptSetting(settings, 'addScript', provider)
  const removeScript = scriptSetting(settings, 'removeScript', provider)
  const listScript = settings.listScript?.trim() ? scriptSetting(settings, 'listScript', provider) : undefined
  const zones = (settings.zones ?? '').split(',').map(dnsName).filter(Boolean)
  const timeoutMs = settings.timeout ? Number(settings.timeout) * 1000 : defaultTimeoutMs
  if (!(timeoutMs > 0)) {
    throw new HookError(
      'DNS_HOOK_SETTING',
      `DNS provider "${provider}" (hook): timeout must be a number of seconds, not "${settings.timeout}".`,
      'input',
    )
  }

  let queue = Promise.resolve()
  /** Runs `task` after every earlier run of this provider. @template T @param {() => Promise<T>} task */
  const queued = (task) => {
    const next = queue.then(task)
    queue = next.then(
      () => undefined,
      () => undefined,
    )
    return next
  }

  /**
   * One run per record (duplicates dropped), in order.
   * @param {string} role
   * @param {string} script
   * @param {DnsZone} zone
   * @param {readonly DnsRecord[]} records
   * @param {AbortSignal} [signal]
   */
  const eachRecord = (role, script, zone, records, signal) =>
    queued(async () => {
      checkRecords(provider, zone, records)
      const seen = new Set()
      for (const record of records) {
        const key = `${dnsName(record.name)} ${record.type} ${record.value}`
        signal?.throwIfAborted()
        if (seen.has(key)) continue
        // For an upsert, the first value of a (name, type) replaces the set; the next ones join it.
        const replace =
          role === 'add' && ![...seen].some((k) => k.startsWith(`${dnsName(record.name)} ${record.type} `))
        seen.add(key)
        const vars = {
          CERTDECK_DNS_NAME: dnsName(record.name),
          CERTDECK_DNS_TYPE: record.type,
          CERTDECK_DNS_VALUE: record.value,
          CERTDECK_DNS_TTL: String(record.ttl ?? 300),
          CERTDECK_DNS_ZONE: zone.name,
          ...(role === 'add' ? { CERTDECK_DNS_REPLACE: replace ? '1' : '0' } : {}),
        }
        await runScript(
          { provider, role, script, what: `${record.type} ${dnsName(record.name)}`, timeoutMs },
          vars,
          signal,
        )
      }
    })

  return {
    async listZones(signal) {
      signal?.throwIfAborted()
      let names = zones
      if (listScript) {
        const stdout = await queued(() =>
          runScript({ provider, role: 'list', script: listScript, what: 'the zone list', timeoutMs }, {}, signal),
        )
        names = stdout.split('\n').map(dnsName).filter(Boolean)
      }
      if (names.length === 0) {
        throw new HookError(
          'DNS_HOOK_SETTING',
          `DNS provider "${provider}" (hook) serves no zone: a script cannot be asked for them, so set ` +
            `zones=example.com,example.org ` +
            '(or listScript, a script printing one zone per line).',
          'input',
        )
      }
      return names.map((zone) => ({ id: zone, name: zone, private: false }))
    },
    async upsertRecords(zone, records, signal) {
      signal?.throwIfAborted()
      await eachRecord('add', addScript, zone, records, signal)
      return {}
    },
    async deleteRecords(zone, records, signal) {
      signal?.throwIfAborted()
      await eachRecord('remove', removeScript, zone, records, signal)
    },
  }
}

/**
 * The plugin: registers the DNS provider type `hook`.
 * @param {import('./index.js').DnsHookOptions} [options]
 * @returns {import('@certdeck/core').CertDeckPlugin}
 */
export default function dnsHook(options = {}) {
  return {
    name: 'examples:dns-hook',
    register(registry) {
      registry.dnsProvider({
        id: 'hook',
        label: 'Hook scripts (any DNS host)',
        credential: 'none',
        settings: [
          {
            key: 'addScript',
            description: 'absolute path of the script that adds a record (one run per record)',
            required: true,
          },
          {
            key: 'removeScript',
            description: 'absolute path of the script that removes exactly one record value',
            required: true,
          },
          { key: 'zones', description: 'comma-separated zones the scripts serve, e.g. example.com,example.org' },
          { key: 'listScript', description: 'instead of zones: a script printing one zone per line' },
          { key: 'timeout', description: 'seconds one script run may take (default 60)' },
        ],
        // Called once by `certdeck dns add`: script paths given relative to where it ran become absolute.
        normalize: (settings) =>
          Object.fromEntries(
            Object.entries(settings).map(([key, value]) => [
              key,
              key.endsWith('Script') ? resolve(value.trim()) : value,
            ]),
          ),
        create: (instance) => createHookProvider(instance, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      })
    },
  }
}
