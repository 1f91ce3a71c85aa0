// Where the browser tests find things: the repository, the built site and the output folder.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built site that `trunk build --release` writes: $DESCENT_DIST, else <repo>/dist. */
export const DIST_DIR = path.resolve(process.env.DESCENT_DIST ?? path.join(REPO_ROOT, 'dist'));

/** Screenshots and other artefacts of a test run (git-ignored): <repo>/tests/output. */
export const OUTPUT_DIR = path.join(REPO_ROOT, 'tests', 'output');

/** The path of an output file `name` in OUTPUT_DIR, creating the folder when needed. */
export function outputPath(name) {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return path.join(OUTPUT_DIR, name);
}
