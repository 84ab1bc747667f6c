import * as z from 'zod';
import { ProfilesPool } from '../engine/pool/profiles-pool.js';
import { windowPolicy } from '../engine/pool/window.js';
import { filter, windowSpec } from '../scenarios/fields.js';
import { defineAlgorithm, type SettingsIssue } from './algorithm-entry.js';
import { aroundValue } from './tunable-ranges.js';

/** The evaluator's worth of a second of mean wait when the scenario does not say: the seed's window growth, so that a second of waiting is worth what it widens a window by. */
export const DEFAULT_WAIT_WEIGHT = 50;

const profile = z.strictObject({
  name: z.string().min(1),
  window: windowSpec.optional().describe("This profile's window; default the matcher's (window, or linear at windowGrowth)."),
  filters: z.array(filter).max(100).default([]).describe('Only requests for which every filter holds; none: every request.'),
});

export const profiles = defineAlgorithm({
  name: 'profiles',
  description: 'several profiles propose rooms and an evaluator picks the best that do not overlap (matcher.profiles, matcher.evaluator)',
  fields: {
    profiles: z
      .array(profile)
      .min(1, { error: 'give at least one profile' })
      .max(100)
      .optional()
      .describe("For algorithm 'profiles': each proposes rooms of consecutive requests in score order within its window; proposals may overlap."),
    evaluator: z
      .strictObject({
        waitWeight: z
          .number()
          .nonnegative()
          .max(1e9)
          .describe(`Quality = waitWeight x mean wait (s) - spread: score points a second of mean wait is worth; default ${DEFAULT_WAIT_WEIGHT}.`),
      })
      .optional()
      .describe("For algorithm 'profiles': how the evaluator ranks proposals."),
  },
  defaults: { evaluator: { waitWeight: DEFAULT_WAIT_WEIGHT } },
  traits: { parties: true, teams: false, services: ['rounds'], oneWindow: false, clocks: ['rounds', 'seconds'] },
  check(matcher) {
    const issues: SettingsIssue[] = [];
    if (matcher.profiles === undefined) issues.push([['matcher', 'profiles'], 'required with algorithm "profiles", e.g. [{"name": "all"}]']);
    (matcher.profiles ?? []).forEach((p, i, all) => {
      if (all.findIndex((q) => q.name === p.name) !== i) issues.push([['matcher', 'profiles', i, 'name'], `"${p.name}" is named twice`]);
    });
    return issues;
  },
  create(settings, context) {
    const own = settings.profiles;
    if (!own) throw new RangeError("algorithm 'profiles' needs matcher.profiles");
    return new ProfilesPool({
      roomSize: context.roomSize,
      roundSeconds: context.roundSeconds,
      clock: context.clock,
      profiles: own.map((p) => ({ name: p.name, window: p.window ? windowPolicy(p.window) : context.window, filters: p.filters })),
      waitWeight: settings.evaluator?.waitWeight ?? DEFAULT_WAIT_WEIGHT,
    });
  },
  tunable: (matcher) => [aroundValue('matcher.evaluator.waitWeight', matcher.evaluator?.waitWeight ?? DEFAULT_WAIT_WEIGHT, 10, { low: 1, high: 1000 })],
});
