import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CreateMatcher } from '../engine/pool/user-module.js';
import { excerpt, InputError } from '../errors.js';
import type { LoadedScenario } from './load.js';
import { scenarioFile, TRUST_FLAG } from './scenario-files.js';

const FIELD = 'matcher.module';

/**
 * Loads the scenario's matcher module, if it names one (a path relative to
 * the scenario file), and checks that it exports createMatcher. A module is
 * code: it is imported only when the user trusts the scenario
 * (--trust-scenario). Imports are asynchronous, so this is a step of its own
 * after loadScenario.
 */
export async function loadMatcherModule(loaded: LoadedScenario): Promise<LoadedScenario> {
  const { module, options } = loaded.scenario.matcher;
  if (module === undefined) return loaded;
  if (!loaded.trust.trust) {
    throw new InputError(loaded.file, FIELD, `${excerpt(module)} is code, and a scenario runs code only when you pass ${TRUST_FLAG}`);
  }
  const path = scenarioFile(loaded.file, FIELD, module, loaded.trust);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(path) ? 'file not found' : `cannot load: ${e.message.split('\n')[0]}`;
    throw new InputError(loaded.file, FIELD, `${module}: ${reason}`);
  }
  const create = exports.createMatcher;
  if (typeof create !== 'function') {
    throw new InputError(loaded.file, FIELD, `${module} does not export a function createMatcher(options, context)`);
  }
  return { ...loaded, userModule: { name: module, create: create as CreateMatcher, options: options ?? {} } };
}

/** Checks, without importing it, that the scenario's matcher module is a file where the scenario may name one: for matchsim validate. */
export function checkMatcherModule(loaded: LoadedScenario): void {
  const { module } = loaded.scenario.matcher;
  if (module === undefined) return;
  const path = scenarioFile(loaded.file, FIELD, module, loaded.trust);
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new InputError(loaded.file, FIELD, `${module}: file not found`);
  }
  if (!isFile) throw new InputError(loaded.file, FIELD, `${module}: not a file`);
}
