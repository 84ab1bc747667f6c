import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { excerpt, InputError } from '../errors.js';
import { realPathOr } from './read-text.js';

/**
 * What a scenario may do beyond describing a run. A scenario file is
 * untrusted input (it may come from a pull request): by default it runs no
 * code and reads no file outside its own folder. Only the user, on the
 * command line (`--trust-scenario`), lifts that.
 */
export interface ScenarioTrust {
  /** Import matcher modules, and read files outside the scenario's folder or that are not regular files. */
  readonly trust: boolean;
}

export const UNTRUSTED: ScenarioTrust = { trust: false };

/** The command-line flag that lifts the limits, as error messages name it. */
export const TRUST_FLAG = '--trust-scenario';

/**
 * The path of a file a scenario names (a trace, a score file, a matcher
 * module), relative to the scenario's folder. Without trust it must stay
 * inside that folder, symbolic links resolved, and be a regular file; a file
 * that does not exist is left for the reader to report.
 */
export function scenarioFile(scenario: string, field: string, given: string, { trust }: ScenarioTrust): string {
  const folder = dirname(resolve(scenario));
  const path = resolve(folder, given);
  if (trust) return path;
  const refuse = (why: string) => new InputError(scenario, field, `${excerpt(given)} ${why}; a scenario reads only regular files in its own folder unless you pass ${TRUST_FLAG}`);
  if (!inside(folder, path)) throw refuse('is outside the scenario\'s folder');
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return path;
  }
  if (!inside(realPathOr(folder), real)) throw refuse('leads outside the scenario\'s folder through a symbolic link');
  if (!statSync(real).isFile()) throw refuse('is not a regular file');
  return path;
}

/**
 * A file of a result directory (a summary, a table, a run's directory): it
 * and every symbolic link on its way must stay below `folder`, so that a
 * result handed over by someone else reads nothing elsewhere. A path that
 * does not exist is left for the reader to report.
 */
export function resultFile(folder: string, path: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return path;
  }
  const root = realPathOr(folder);
  if (real !== root && !inside(root, real)) throw new InputError(path, undefined, `leads outside ${excerpt(folder, 80)} through a symbolic link; a result is read only from its own folder`);
  return path;
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
