import * as z from 'zod';
import { ProfilesPool } from '../engine/pool/profiles-pool.js';
import { windowPolicy } from '../engine/pool/window.js';
import { filter, windowSpec } from '../scenarios/fields.js';
import { defineAlgorithm, type MatcherSettings, type SettingsIssue } from './algorithm-entry.js';
import { aroundValue } from './tunable-ranges.js';

/** The evaluator's worth of a second of mean wait when the scenario does not say: the seed's window growth, so that a second of waiting is worth what it widens a window by. */
export const DEFAULT_WAIT_WEIGHT = 50;

const profile = z.strictObject({
  name: z.string().min(1),
  window: windowSpec.optional().describe("This profile's window; default the matcher's (window, or linear at windowGrowth)."),
  filters: z.array(filter).max(100).default([]).describe('Only requests for which every filter holds; none: every request.'),
});

const profileList = z
  .array(profile)
  .min(1, { error: 'give at least one profile' })
  .max(100)
  .describe('Each proposes rooms of consecutive requests in score order within its window; proposals may overlap.');

const evaluator = z
  .strictObject({
    waitWeight: z
      .number()
      .nonnegative()
      .max(1e9)
      .describe(`Quality = waitWeight x mean wait (s) - spread: score points a second of mean wait is worth; default ${DEFAULT_WAIT_WEIGHT}.`),
  })
  .describe('How the evaluator ranks proposals.');

/** The namespace, matcher.profiles: its profiles and its evaluator. A list alone is the flat spelling, with matcher.evaluator beside it. */
const settings = z
  .union([
    z.strictObject({ list: profileList, evaluator: evaluator.optional() }).describe('The profiles (list) and the evaluator.'),
    profileList.describe('The flat spelling: the profiles alone, with matcher.evaluator beside them.'),
  ])
  .describe("For algorithm 'profiles': {\"list\": [profiles], \"evaluator\": {\"waitWeight\": W}}, or the list alone with matcher.evaluator.");

type Profile = z.output<typeof profile>;
interface ProfilesSettings {
  readonly list: readonly Profile[];
  readonly evaluator?: { readonly waitWeight: number };
  /** Where the list is written: matcher.profiles (flat) or matcher.profiles.list. */
  readonly at: readonly string[];
  /** Where the evaluator is, or would be, written. */
  readonly evaluatorAt: readonly string[];
}

/** The profiles settings of a validated matcher, in either spelling. */
function profilesOf(matcher: MatcherSettings): ProfilesSettings | undefined {
  const written = matcher.profiles as z.output<typeof settings> | undefined;
  if (written === undefined) return undefined;
  if (Array.isArray(written)) return { list: written, evaluator: matcher.evaluator as ProfilesSettings['evaluator'], at: ['matcher', 'profiles'], evaluatorAt: ['matcher', 'evaluator'] };
  return { list: written.list, evaluator: written.evaluator, at: ['matcher', 'profiles', 'list'], evaluatorAt: ['matcher', 'profiles', 'evaluator'] };
}

const DEFAULT_EVALUATOR = { waitWeight: DEFAULT_WAIT_WEIGHT };

export const profiles = defineAlgorithm({
  name: 'profiles',
  description: 'several profiles propose rooms and an evaluator picks the best that do not overlap (matcher.profiles)',
  settings,
  aliases: { evaluator: evaluator.optional().describe("For algorithm 'profiles', with matcher.profiles a list: how the evaluator ranks proposals.") },
  resolve(matcher) {
    const written = matcher.profiles as z.output<typeof settings> | undefined;
    if (written === undefined || Array.isArray(written)) return matcher.evaluator === undefined ? { ...matcher, evaluator: DEFAULT_EVALUATOR } : matcher;
    return written.evaluator === undefined ? { ...matcher, profiles: { ...written, evaluator: DEFAULT_EVALUATOR } } : matcher;
  },
  traits: { parties: true, teams: false, services: ['rounds'], oneWindow: false, clocks: ['rounds', 'seconds'] },
  filters(matcher) {
    const own = profilesOf(matcher);
    return (own?.list ?? []).map((p, i) => ({ filters: p.filters ?? [], path: [...own!.at, i] }));
  },
  check(matcher) {
    const issues: SettingsIssue[] = [];
    const own = profilesOf(matcher);
    if (own === undefined) issues.push([['matcher', 'profiles'], 'required with algorithm "profiles", e.g. {"list": [{"name": "all"}]}']);
    else if (!Array.isArray(matcher.profiles) && matcher.evaluator !== undefined) {
      issues.push([['matcher', 'evaluator'], 'with matcher.profiles as {"list", "evaluator"}, give the evaluator there (matcher.profiles.evaluator)']);
    }
    (own?.list ?? []).forEach((p, i, all) => {
      if (all.findIndex((q) => q.name === p.name) !== i) issues.push([[...own!.at, i, 'name'], `"${p.name}" is named twice`]);
    });
    return issues;
  },
  create(matcher, context) {
    const own = profilesOf(matcher);
    if (!own) throw new RangeError("algorithm 'profiles' needs matcher.profiles");
    return new ProfilesPool({
      roomSize: context.roomSize,
      roundSeconds: context.roundSeconds,
      clock: context.clock,
      profiles: own.list.map((p) => ({ name: p.name, window: p.window ? windowPolicy(p.window) : context.window, filters: p.filters })),
      waitWeight: own.evaluator?.waitWeight ?? DEFAULT_WAIT_WEIGHT,
      ...(context.accepts !== undefined ? { accepts: context.accepts } : {}),
    });
  },
  tunable(matcher) {
    const own = profilesOf(matcher);
    return [aroundValue([...(own?.evaluatorAt ?? ['matcher', 'evaluator']), 'waitWeight'].join('.'), own?.evaluator?.waitWeight ?? DEFAULT_WAIT_WEIGHT, 10, { low: 1, high: 1000 })];
  },
});
