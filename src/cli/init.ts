import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, InputError } from '../errors.js';
import { SCHEMA_FILE } from '../scenarios/json-schema.js';

/** What `matchsim init --template` starts from: a bundled scenario each, a single run unless it is the sweep. */
export const TEMPLATES = {
  run: { scenario: 'reference.json', what: 'one run: Poisson arrivals, normal scores, a window growing with waiting time, rooms of 3' },
  population: { scenario: 'small-night.json', what: 'a closed population of players who come back, with Elo ratings' },
  teams: { scenario: 'teams-5v5.json', what: 'a 5v5 game with parties, its rooms dealt into two teams' },
  sweep: { scenario: 'growth-sweep.json', what: 'a sweep of the window growth with 10 replications a point' },
} as const;

export type TemplateName = keyof typeof TEMPLATES;

/** A starter's name: a file name in the current folder, nothing that climbs out of it or needs quoting. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The folder matchsim is installed in (or checked out to): the nearest above this module whose package.json is matchsim's. */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'matchsim') return dir;
    if (dirname(dir) === dir) throw new EnvironmentError('cannot find the folder matchsim is installed in (no package.json of matchsim above it)');
  }
}

/**
 * Writes NAME.json into `cwd`: the template's bundled scenario, named NAME,
 * its $schema pointing at the installed schema by a path relative to `cwd`
 * (so an editor completes and checks every field at once), never replacing a
 * file that is there. Returns the file written.
 */
export function initScenario(name: string, template: TemplateName, cwd: string, root = packageRoot()): string {
  if (!NAME.test(name)) throw new InputError('init', undefined, `${JSON.stringify(name).slice(0, 60)} is not a name for a scenario here: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100`);
  const file = resolve(cwd, name.endsWith('.json') ? name : `${name}.json`);
  if (existsSync(file)) throw new InputError(file, undefined, 'is already there: matchsim init never replaces a file; give another name');
  const source = JSON.parse(readFileSync(join(root, 'scenarios', TEMPLATES[template].scenario), 'utf8')) as Record<string, unknown>;
  const document: Record<string, unknown> = { $schema: schemaPath(cwd, root), name: name.replace(/\.json$/, ''), description: `Started with matchsim init --template ${template}: ${TEMPLATES[template].what}. Change any field; matchsim validate checks it.` };
  for (const [key, value] of Object.entries(source)) if (!['$schema', 'name', 'description'].includes(key)) document[key] = value;
  // A template other than the sweep is one run: the teams scenario's own sweep over balances goes.
  if (template !== 'sweep') {
    delete document.sweep;
    delete document.replications;
  }
  // Written beside, then linked into place: a file that appeared meanwhile is never replaced, and nothing half-written is left.
  const temporary = `${file}.matchsim-init-${process.pid}`;
  try {
    writeFileSync(temporary, JSON.stringify(document, null, 2) + '\n', { flag: 'wx' });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(file, undefined, 'is already there: matchsim init never replaces a file; give another name');
    throw EnvironmentError.fromFs('write', file, error);
  } finally {
    rmSync(temporary, { force: true });
  }
  return file;
}

/** The installed schema as a path from `cwd`, with forward slashes, as $schema takes it. */
function schemaPath(cwd: string, root: string): string {
  const path = relative(cwd, join(root, SCHEMA_FILE)).split(sep).join('/');
  return path.startsWith('.') || path.startsWith('/') ? path : `./${path}`;
}
