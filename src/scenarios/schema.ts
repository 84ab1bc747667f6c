import * as z from 'zod';
import { expectationsSchema } from './expectations.js';
import { LIMITS } from './fields.js';
import { abandonment, checkAbandonment } from './schema/abandonment.js';
import { attributeKinds, attributesSchema, checkAttributes } from './schema/attributes.js';
import { coreFields } from './schema/core.js';
import { checkFaults, faults } from './schema/faults.js';
import { checkLatency, latencySection } from './schema/latency.js';
import { checkLatencyCap } from './schema/latency-cap.js';
import { checkMatcher, matcherObject, resolveMatcher } from './schema/matcher.js';
import { parties } from './schema/parties.js';
import { backfillRequests } from './schema/backfill-requests.js';
import { checkRoles, roles } from './schema/roles.js';
import { population } from './schema/population.js';
import { checkScores, scoresSchema } from './schema/scores.js';
import type { AddIssue } from './schema/section-issue.js';
import { checkSweep, replications, sweep } from './schema/sweep.js';
import { arrivalsSchema, scenarioSource, type ScenarioSource } from './sources/source-kinds.js';

/**
 * The scenario format, defined once: validation (with the path of every bad
 * field) and the resolved type both come from here, and defaults are filled
 * here and nowhere else. Each section, and each kind of arrivals, is a module
 * of its own (schema/, sources/) with its own rules; what is left here is
 * their composition and the rules between a scenario's source and the rest.
 */
export { LIMITS };
export { DEFAULT_WINDOW_GROWTH } from './schema/matcher.js';
export { MAX_SWEEP_RUNS, UNSWEEPABLE } from './schema/sweep.js';

const scenarioObject = z.strictObject({
  ...coreFields,
  arrivals: arrivalsSchema,
  population: population.optional(),
  scores: scoresSchema.optional().describe('Score distribution of generated players (not used with a trace).'),
  matcher: matcherObject.prefault({}).describe('The match algorithm and its parameters.'),
  attributes: attributesSchema.optional().describe('Attributes of generated players, drawn in this order.'),
  latency: latencySection,
  abandonment,
  faults,
  parties,
  roles,
  backfillRequests,
  sweep,
  expect: expectationsSchema.optional(),
  replications,
});

type Written = z.output<typeof scenarioObject>;

export const scenarioSchema = scenarioObject
  .superRefine((s, ctx) => {
    const issue: AddIssue = (path, message) => ctx.addIssue({ code: 'custom', path: [...path], message });
    if ((s.arrivals === undefined) === (s.population === undefined)) {
      issue([s.arrivals === undefined ? 'arrivals' : 'population'], s.arrivals === undefined ? 'give arrivals (a stream of players) or population (players who come back)' : 'give arrivals or population, not both');
      return;
    }
    const source = scenarioSource(s) as ScenarioSource;
    checkSource(s, source, issue);
    source.check(issue);
    checkSweep(s, issue);
    // A source that brings its own attributes (a trace's extra columns) has them checked against the filters when it is read (load.ts).
    const kinds = attributeKinds(s.attributes);
    checkMatcher(s, source.kind.provides.attributes === undefined ? (name) => kinds.get(name) : undefined, issue);
    checkFaults(s.faults, resolveMatcher(s.matcher).service, issue);
    checkAttributes(s.attributes, issue);
    checkAbandonment(s.abandonment, issue);
    checkRoles(s.roles, issue);
    // Roles are drawn for generated players (a population's, once each); a trace's players bring their own.
    if (s.roles?.shares !== undefined && s.population === undefined && s.scores === undefined) issue(['roles', 'shares'], "roles are drawn for generated players (arrivals poisson, profile, or a population): a trace's players bring theirs (roles.attribute)");
    if (s.roles?.attribute !== undefined && (s.population !== undefined || s.scores !== undefined)) issue(['roles', 'attribute'], "is for players recorded with their roles (a trace's or a replayed log's): generated players draw theirs (roles.shares)");
    // A source that reads a file brings its players' latencies in it; a generated one draws them from latency.players.
    checkLatency(s.latency, source.files().length === 0, issue);
    checkLatencyCap(s.matcher.latency, { dataCentres: s.latency !== undefined, service: resolveMatcher(s.matcher).service.type }, issue);
    if (s.scores) checkScores(s.scores, ['scores'], issue);
    if (s.backfillRequests?.score !== undefined) checkScores(s.backfillRequests.score, ['backfillRequests', 'score'], issue);
    else if (s.backfillRequests !== undefined && s.scores === undefined && s.population === undefined) issue(['backfillRequests', 'score'], "required where the players bring their own scores (a trace, a replayed log): the sessions' score distribution");
  })
  .transform((s) => ({ ...s, matcher: resolveMatcher(s.matcher) }));

/** The fields the scenario's source needs, brings itself, or has no place for. */
function checkSource(s: Written, source: ScenarioSource, issue: AddIssue): void {
  const { label, needs, provides, excludes } = source.kind;
  for (const [field, why] of Object.entries(needs)) {
    if (s[field as keyof typeof needs] === undefined) issue([field], `required with ${label}${why === '' ? '' : ` (${why})`}`);
  }
  for (const [field, why] of [...Object.entries(provides), ...Object.entries(excludes)]) {
    if (s[field as keyof typeof provides | keyof typeof excludes] !== undefined) issue([field], `not used with ${label}: ${why}`);
  }
}

/** A scenario as written, before defaults. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario after validation, with every default filled in. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ArrivalsSpec = ParsedScenario['arrivals'];
export type { ScoresSpec } from './schema/scores.js';
export type { PatienceSpec } from './schema/patience.js';
export type { FaultsSpec } from './schema/faults.js';
export type { AttributeSpecs } from './schema/attributes.js';
