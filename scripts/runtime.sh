# Sourced (`. scripts/runtime.sh`) from the repository root by the README's commands and by
# .ci/run: puts a supported Node (22.13 or later) and the pinned pnpm first on PATH for
# everything that follows in the same shell, without changing the machine's own Node or pnpm.
#
# - When `node` is older than 22.13 (or missing), installs Node 24 from the npm registry
#   (`npm i -g --prefix .runtime node@24`) into .runtime/ (ignored by git) and puts
#   .runtime/bin first on PATH. A later run reuses it.
# - When `pnpm --version` is not the one in package.json's packageManager, installs that pnpm
#   the same way into .runtime/.
# - Does nothing else when both are already right. Plain POSIX sh (bash, zsh, dash); on failure
#   it says what to do and returns 1 (it never exits the shell that sourced it).
#
# The plain alternative: install Node 24 with your usual tool (nvm, fnm, volta, a package
# manager), then `npm i -g pnpm@<version in packageManager>`.

certdeck_runtime_setup() {
  _cd_dir="$PWD/.runtime"
  _cd_pnpm=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' package.json 2>/dev/null)
  if [ -z "$_cd_pnpm" ]; then
    echo "scripts/runtime.sh: run it from the repository root (no packageManager in ./package.json)" >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "scripts/runtime.sh: npm is needed (it comes with Node); install Node 24 with your usual tool" >&2
    return 1
  fi
  case ":$PATH:" in *":$_cd_dir/bin:"*) ;; *) [ -d "$_cd_dir/bin" ] && PATH="$_cd_dir/bin:$PATH" ;; esac
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 13) ? 0 : 1)' >/dev/null 2>&1; then
    echo "CertDeck needs Node 22.13 or later (found $(node --version 2>/dev/null || echo none)): installing Node 24 from the npm registry into .runtime/" >&2
    # No --allow-scripts here: node@24 installs its binary from a preinstall script, and the flag
    # would reach the nested npm install that script runs, which refuses it (EALLOWSCRIPTS); npm 11
    # only warns about the script, and that warning suggests the flag, so warnings are not shown.
    npm install --global --prefix "$_cd_dir" --no-audit --no-fund --loglevel=error node@24 >&2 || return 1
    PATH="$_cd_dir/bin:$PATH"
    if ! "$_cd_dir/bin/node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
      echo "scripts/runtime.sh: the installed Node does not run (were install scripts disabled?); install Node 24 with your usual tool" >&2
      return 1
    fi
  fi
  hash -r 2>/dev/null
  if [ "$(pnpm --version 2>/dev/null)" != "$_cd_pnpm" ]; then
    echo "Installing pnpm $_cd_pnpm into .runtime/" >&2
    npm install --global --prefix "$_cd_dir" --no-audit --no-fund "pnpm@$_cd_pnpm" >&2 || return 1
    case ":$PATH:" in *":$_cd_dir/bin:"*) ;; *) PATH="$_cd_dir/bin:$PATH" ;; esac
    hash -r 2>/dev/null
  fi
  export PATH
  echo "Using Node $(node --version) and pnpm $(pnpm --version)" >&2
}

certdeck_runtime_setup
_cd_status=$?
unset -f certdeck_runtime_setup
unset _cd_dir _cd_pnpm
if [ "$_cd_status" -ne 0 ]; then unset _cd_status; false; else unset _cd_status; fi
