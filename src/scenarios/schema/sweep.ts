import * as z from 'zod';
import { anyJsonStructure } from '../named-record.js';
import { FORBIDDEN_PARTS } from '../overrides.js';
import type { AddIssue } from './section-issue.js';

/** The sweep section: the values to run fields at, and replications of each point. */

/** Runs a scenario may ask for (sweep points x replications): counted from the sweep's definition, before anything is expanded. */
export const MAX_SWEEP_RUNS = 10_000;

/** Fields a sweep may not vary: they name or shape the sweep itself. */
export const UNSWEEPABLE = ['name', 'sweep', 'replications', '$schema', 'description', 'expect'] as const;

/** A value a sweep runs a field at: a number, string or boolean, or a whole JSON object or array (matcher.window's several shapes). */
const sweepValue = z.union([z.number(), z.string(), z.boolean(), anyJsonStructure(FORBIDDEN_PARTS)]);

export const sweep = z
  .record(
    z.string().regex(/^[A-Za-z$][\w$]*(\.([A-Za-z$][\w$]*|0|[1-9][0-9]{0,5}))*$/, { error: 'a sweep key must be a dotted field path' }),
    z.array(sweepValue).min(1, { error: 'a sweep needs at least one value' }).max(1000),
  )
  .optional()
  .describe('Dotted field path -> the values to run it at; several fields give their cartesian product.');

export const replications = z
  .int()
  .min(1, { error: 'replications must be a whole number >= 1' })
  .max(1000)
  .default(1)
  .describe('Runs of each point, with seeds seed, seed + 1, ...; figures then get 95% confidence intervals.');

/** Runs a sweep would make, and fields it may not vary. */
export function checkSweep(s: { readonly sweep?: Readonly<Record<string, readonly unknown[]>>; readonly replications: number }, issue: AddIssue): void {
  const sizes = Object.values(s.sweep ?? {}).map((values) => values.length);
  const runs = sizes.reduce((n, k) => n * k, 1) * s.replications;
  if (runs > MAX_SWEEP_RUNS) {
    const count = runs < 1e15 ? runs.toLocaleString('en-US') : runs.toExponential(2);
    const shape = `${sizes.length > 0 ? `${sizes.join(' x ')} points` : '1 point'} x ${s.replications} replication${s.replications === 1 ? '' : 's'}`;
    issue([sizes.length > 0 ? 'sweep' : 'replications'], `would be ${count} runs (${shape}); at most ${MAX_SWEEP_RUNS.toLocaleString('en-US')} are allowed`);
  }
  for (const key of Object.keys(s.sweep ?? {})) {
    if (key.split('.').some((part) => FORBIDDEN_PARTS.has(part))) {
  issue(['sweep', key], `${key} is not a field path`);
    } else if ((UNSWEEPABLE as readonly string[]).includes(key.split('.')[0])) {
  issue(['sweep', key], `${key} cannot be swept`);
    }
  }
}
