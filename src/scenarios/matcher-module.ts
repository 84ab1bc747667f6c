import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateMatcher } from '../engine/pool/user-module.js';
import { InputError } from '../errors.js';
import type { LoadedScenario } from './load.js';

/**
 * Loads the scenario's matcher module, if it names one (a path relative to
 * the scenario file), and checks that it exports createMatcher. Imports are
 * asynchronous, so this is a step of its own after loadScenario.
 */
export async function loadMatcherModule(loaded: LoadedScenario): Promise<LoadedScenario> {
  const { module, options } = loaded.scenario.matcher;
  if (module === undefined) return loaded;
  const path = resolve(dirname(loaded.file), module);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason = e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(path) ? 'file not found' : `cannot load: ${e.message.split('\n')[0]}`;
    throw new InputError(loaded.file, 'matcher.module', `${module}: ${reason}`);
  }
  const create = exports.createMatcher;
  if (typeof create !== 'function') {
    throw new InputError(loaded.file, 'matcher.module', `${module} does not export a function createMatcher(options, context)`);
  }
  return { ...loaded, userModule: { name: module, create: create as CreateMatcher, options: options ?? {} } };
}
