// The `descent` command line, for tests that compare the JS API with the CLI: cargo builds the
// binary when needed (a no-op when it is built) and runs it from the repository's root.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.mjs';

const execFileAsync = promisify(execFile);

/** Builds the `descent` binary once (call it from a `before`). */
export async function buildCli() {
  await execFileAsync('cargo', ['build', '--quiet', '-p', 'descent-cli', '--bin', 'descent'], {
    cwd: REPO_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Runs `descent ARGS…` and returns its standard output (the CSV it prints). */
export async function runCli(args) {
  const { stdout } = await execFileAsync(
    'cargo',
    ['run', '--quiet', '-p', 'descent-cli', '--bin', 'descent', '--', ...args],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Vocabulary pairs as the CLI's flags (`weight_decay` → `--weight-decay`). */
export function flags(config) {
  return Object.entries(config).flatMap(([k, v]) => [`--${k.replaceAll('_', '-')}`, String(v)]);
}
