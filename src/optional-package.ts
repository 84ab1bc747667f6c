import { createRequire } from 'node:module';
import { EnvironmentError } from './errors.js';

/**
 * Makes sure an optional package (one matchsim does not install: DuckDB,
 * openskill) is where matchsim can load it, or ends in one line saying what
 * needs it and how to install it. `what`: the setting that asks for it.
 */
export function needOptionalPackage(name: string, what: string): void {
  try {
    createRequire(import.meta.url).resolve(name);
  } catch {
    throw new EnvironmentError(`${what} needs the optional package ${name}, which is not installed: npm install ${name}`);
  }
}
