import * as z from 'zod';
import { ALGORITHM_ALIASES, ALGORITHM_FIELDS, ALGORITHMS, FORMER_NAMES, REGISTRY, algorithmEntry, currentName, ownedFields, backfillPriorityOf, smallestRoomOf, teamSizesOf, teamShapeOf } from '../../algorithms/registry.js';
import { filter, positiveSeconds, windowPoints, windowSpec } from '../fields.js';
import type { AttributeKind } from '../../engine/ticket/attribute-kinds.js';
import { CLOCK_KINDS, type ClockKind } from '../../engine/pool/clock.js';
import { filterKindIssues, unknownFilterAttributes } from '../filter-check.js';
import { anyObject, namedRecord } from '../named-record.js';
import { roleName, roleNames, type RolesSpec } from './roles.js';
import { service } from './service.js';
import { latencyCap } from './latency-cap.js';
import type { PartiesSpec } from './parties.js';
import type { AlgorithmEntry, MatcherSettings } from '../../algorithms/algorithm-entry.js';
import type { AddIssue } from './section-issue.js';

/** The matcher section: the algorithm (or a module of one's own), its settings, the service mode, pools. */

const pool = z.strictObject({
  name: z.string().min(1).regex(/^[^,\n\r]+$/, { error: 'a pool name cannot hold a comma or a line break' }),
  filters: z.array(filter).max(100).default([]).describe('Every filter must hold; no filters: every player.'),
});

const algorithmNames = [...ALGORITHMS, ...(Object.keys(ALGORITHM_ALIASES) as Array<keyof typeof ALGORITHM_ALIASES>), ...(Object.keys(FORMER_NAMES) as Array<keyof typeof FORMER_NAMES>)] as const;

export const matcherObject = z.strictObject({
  algorithm: z
    .enum(algorithmNames)
    .default('score-scan')
    .describe(
      `${REGISTRY.map((entry) => `${entry.name}: ${entry.description}`).join('; ')}; retry: the old name of anchor with service {"type": "retry"} (matcher.retry.delay is its delay); seed and seed-legacy: the old names of score-scan and arrival-scan.`,
    ),
  roomSize: z.int().min(2, { error: 'roomSize must be an integer >= 2' }).max(1000).default(3).describe('Players per room.'),
  window: windowSpec.optional().describe('How the score window grows with waiting; default linear at 50 points per second.'),
  windowGrowth: windowPoints('windowGrowth')
    .optional()
    .describe('Short for window {"type": "linear", "growth": G}: score points of window per second of waiting (default 50).'),
  service: service.optional().describe('How the match service drives the pool; default rounds.'),
  clock: z
    .enum(CLOCK_KINDS as [ClockKind, ...ClockKind[]])
    .optional()
    .describe(
      "Whose time the window follows under the rounds service: rounds (default, the reference server: waiting counted in worker rounds, so a stalled worker widens nobody's window) or seconds (since the player was queued, as Open Match and FlexMatch read a ticket's age).",
    ),
  latency: latencyCap.optional(),
  composition: namedRecord(roleName, z.int().min(0, { error: 'slots are a whole number from 0 to 100' }).max(100, { error: 'slots are a whole number from 0 to 100' }))
    .optional()
    .describe('Role queues: role -> slots of it in each team (the whole room for an algorithm without teams), e.g. {"tank": 1, "damage": 2, "support": 2}; the roles are the scenario\'s roles.shares.'),
  fillAfter: positiveSeconds('fillAfter (seconds)')
    .optional()
    .describe('With matcher.composition: a player who has waited this long (on the matcher\'s clock) also takes any other role, after its own (League\'s fill); absent: never.'),
  module: z
    .string()
    .min(1)
    .optional()
    .describe('A module of your own (path relative to the scenario file) exporting createMatcher(options, context); replaces algorithm.'),
  options: anyObject().optional().describe('Passed to the module\'s createMatcher as its first argument.'),
  ...ALGORITHM_FIELDS,
  retry: z
    .strictObject({ delay: positiveSeconds('delay (seconds)').default(2).describe('Seconds between attempts of one request (default 2).') })
    .optional()
    .describe("For algorithm 'retry' (the old spelling of service {\"type\": \"retry\", \"delay\"})."),
  pools: z
    .array(pool)
    .min(1)
    .max(1000)
    .optional()
    .describe('Split players into pools by attribute filters, each matched on its own; a player goes to the first pool that takes it.'),
});

/** The reference server's window growth: what a matcher that names no window gets. */
export const DEFAULT_WINDOW_GROWTH = 50;

export type WrittenMatcher = z.output<typeof matcherObject>;

/**
 * The matcher resolved once, so that everything after reads one spelling:
 * the window is matcher.window (windowGrowth is its short form), the service
 * mode is matcher.service ("retry" as an algorithm is anchor under the retry
 * service, matcher.retry its delay), and an algorithm's defaults are filled in.
 */
export function resolveMatcher({ windowGrowth, window, retry, service, algorithm, ...rest }: WrittenMatcher) {
  const alias = algorithm === 'retry';
  const name = alias ? ALGORITHM_ALIASES.retry.algorithm : (currentName(algorithm) as Exclude<typeof algorithm, 'retry' | keyof typeof FORMER_NAMES>);
  const resolved = {
    algorithm: name,
    ...rest,
    window: window ?? { type: 'linear' as const, growth: windowGrowth ?? DEFAULT_WINDOW_GROWTH },
    service: alias ? { type: 'retry' as const, delay: retry?.delay ?? 2 } : (service ?? { type: 'rounds' as const }),
  };
  // The algorithm's own defaults, in the spelling the scenario wrote (a default fills only what it leaves out).
  const entry = rest.module === undefined ? algorithmEntry(name) : undefined;
  return (entry?.resolve?.(resolved) ?? resolved) as typeof resolved;
}

export type ResolvedMatcher = ReturnType<typeof resolveMatcher>;

/** What the matcher's rules read of the rest of the scenario. */
interface MatcherContext {
  readonly matcher: WrittenMatcher;
  readonly sweep?: Readonly<Record<string, unknown>>;
  readonly parties?: PartiesSpec;
  readonly population?: { readonly backfill?: { readonly mode: string; readonly priority?: string } };
  readonly backfillRequests?: { readonly open: Readonly<Record<string, number>>; readonly score?: { readonly type: string } };
  readonly roles?: RolesSpec;
  readonly latency?: unknown;
}

/**
 * The matcher's rules; `attributeKind`: the kind of each attribute the
 * players carry (undefined: none of that name), when that is known before
 * any file is read (a trace's columns are checked when it is read, load.ts).
 */
export function checkMatcher(s: MatcherContext, attributeKind: ((name: string) => AttributeKind | undefined) | undefined, issue: AddIssue): void {
  if (s.matcher.options !== undefined && s.matcher.module === undefined) {
    issue(['matcher', 'options'], 'options are for a matcher module: give matcher.module too');
  }
  const steps = s.matcher.window?.type === 'steps' ? s.matcher.window.steps : [];
  steps.forEach((step, i) => {
    if (i > 0 && step.after <= steps[i - 1].after) issue(['matcher', 'window', 'steps', i, 'after'], `must be after the previous step's ${steps[i - 1].after}`);
  });
  const pools = s.matcher.pools ?? [];
  pools.forEach((pl, i) => {
    if (pools.findIndex((q) => q.name === pl.name) !== i) issue(['matcher', 'pools', i, 'name'], `"${pl.name}" is named twice`);
  });
  if (attributeKind !== undefined) {
    for (const { path, attribute } of unknownFilterAttributes(s.matcher, (name) => attributeKind(name) !== undefined)) issue(path, `"${attribute}" is not one of the scenario's attributes`);
    for (const { path, message } of filterKindIssues(s.matcher, attributeKind)) issue(path, message);
  }
  checkAlgorithmSettings(s, issue);
}

/** Backfill needs a pool that fills requests, the rounds service, and one pool for all (the pool holds no running match's players to test a room condition or filter on). */
function checkBackfill(s: MatcherContext, m: ReturnType<typeof resolveMatcher>, entry: ReturnType<typeof algorithmEntry> | undefined, issue: AddIssue): void {
  const sessions = (s.matcher as { flexmatch?: { backfill?: unknown } }).flexmatch?.backfill;
  if (sessions !== undefined && m.algorithm === 'flexmatch') {
    const path = ['matcher', 'flexmatch', 'backfill'];
    if (s.population !== undefined) issue(path, "is for sessions of open arrivals that start short: a population's matches backfill with population.backfill");
    else if (s.latency !== undefined) issue(path, "a backfill request is filled without its session's data centre: it cannot be used with latency (data centres) yet");
  }
  const backfill = s.population?.backfill;
  if (backfill === undefined || backfill.mode === 'off') return;
  const path = ['population', 'backfill', 'mode'];
  if (entry?.traits.backfill !== true) {
    const able = REGISTRY.filter((e) => e.traits.backfill === true).map((e) => `"${e.name}"`);
    issue(path, `${s.matcher.module !== undefined ? 'a matcher module' : `algorithm "${m.algorithm}"`} does not fill backfill requests: use ${able.join(' or ')}, or mode "off"`);
  } else if (m.service.type !== 'rounds') issue(path, 'backfill requests are filled in worker rounds: matcher.service must be rounds');
  else if (s.matcher.pools !== undefined) issue(path, 'a backfill request goes to one pool: it cannot be used with matcher.pools');
  else if (s.latency !== undefined && (entry.traits.ownRules === true || (m.latency?.follows ?? 'member') !== 'member' || latencyLimitsDistance(m.latency))) {
    issue(path, "with data centres, a backfill request is filled in its match's data centre by players the latency cap admits there on their own waits: give a cap that follows each member (follows \"member\") and limits no distance, with algorithm anchor or teams");
  }
  const own = entry?.traits.backfill === true ? backfillPriorityOf(m) : undefined;
  if (own !== undefined && backfill.priority !== undefined && backfill.priority !== own) {
    issue(['population', 'backfill', 'priority'], `algorithm "${m.algorithm}" stands backfill requests at its own priority, "${own}" (the rule set's algorithm.backfillPriority): set it there`);
  }
}

/** Whether a latency cap limits any player's distance from the room's reference latency (maxDistance, at its start or a step). */
function latencyLimitsDistance(cap: ReturnType<typeof resolveMatcher>['latency']): boolean {
  return cap !== undefined && (cap.maxDistance !== undefined || (cap.steps ?? []).some((step) => step.maxDistance !== undefined));
}

/** A stream of backfill requests: open arrivals, a pool that fills a request around its score alone (a FlexMatch rule set reads the session's players, which a stream does not have), in worker rounds, within a room. */
function checkBackfillRequests(s: MatcherContext, m: ReturnType<typeof resolveMatcher>, entry: ReturnType<typeof algorithmEntry> | undefined, issue: AddIssue): void {
  const stream = s.backfillRequests;
  if (stream === undefined) return;
  const path = ['backfillRequests'];
  if (s.population !== undefined) issue(path, "is for open arrivals: a population's running matches ask for players themselves (population.backfill)");
  else if (entry?.traits.backfill !== true || backfillPriorityOf(m) !== undefined) {
    const able = REGISTRY.filter((e) => e.traits.backfill === true && e.backfillPriority === undefined).map((e) => `"${e.name}"`);
    issue(path, `${s.matcher.module !== undefined ? 'a matcher module' : `algorithm "${m.algorithm}"`} does not fill a request around its score alone: use ${able.join(' or ')}`);
  } else if (m.service.type !== 'rounds') issue(path, 'backfill requests are filled in worker rounds: matcher.service must be rounds');
  else if (s.matcher.pools !== undefined) issue(path, 'a backfill request goes to one pool: it cannot be used with matcher.pools');
  else if (s.latency !== undefined) issue(path, "a backfill request is filled without its session's round trips: it cannot be used with latency (data centres) yet");
  for (const places of Object.keys(stream.open)) if (Number(places) > m.roomSize) issue([...path, 'open', places], `more places than a room holds (matcher.roomSize ${m.roomSize})`);
  if (Object.values(stream.open).every((w) => w === 0)) issue([...path, 'open'], 'give at least one number of places a weight above 0');
  if (stream.score?.type === 'empirical') issue([...path, 'score', 'type'], 'a file of scores is for the players: give the sessions a distribution');
}

/**
 * Settings that belong to one algorithm (the registry says which), parties,
 * which some algorithms cannot hold, and the service mode, which some cannot
 * run under. A sweep over matcher.algorithm may carry the settings of every
 * algorithm it sweeps: each point keeps only its own (see planSweep).
 */
function checkAlgorithmSettings(s: MatcherContext, issue: AddIssue): void {
  const written = s.matcher;
  if (written.window !== undefined && written.windowGrowth !== undefined) {
    issue(['matcher', 'windowGrowth'], 'give either windowGrowth or window, not both (windowGrowth G is short for window {"type": "linear", "growth": G})');
  }
  if (written.algorithm === 'retry' && written.service !== undefined) {
    issue(['matcher', 'service'], 'algorithm "retry" is anchor with service retry already: write algorithm "anchor" with this service instead');
  }
  const m = resolveMatcher(written);
  const entry = written.module === undefined ? algorithmEntry(m.algorithm) : undefined;
  if (s.sweep?.['matcher.algorithm'] === undefined && written.module === undefined) {
    for (const [field, owners] of ownedFields()) {
      if ((written as Record<string, unknown>)[field] !== undefined && !owners.includes(written.algorithm)) {
        issue(['matcher', field], `only for algorithm ${owners.map((o) => `"${o}"`).join(' or ')} (the algorithm is "${written.algorithm}")`);
      }
    }
  }
  for (const [path, message] of entry?.check?.(m) ?? []) issue([...path], message);
  checkComposition(s, m, entry, issue);
  const smallest = entry === undefined ? m.roomSize : smallestRoomOf(m);
  if (s.population !== undefined && smallest < m.roomSize) {
    issue(['population'], `a population plays rooms of one size (its outcomes and ratings are per seat): algorithm "${m.algorithm}" forms rooms of ${smallest} to ${m.roomSize} players here`);
  }
  const rosters = entry === undefined ? undefined : teamSizesOf(m);
  if (s.population !== undefined && rosters !== undefined && rosters.some((n) => n !== rosters[0])) {
    issue(['population'], `a population's sides are of one size (each side's skill decides its result): algorithm "${m.algorithm}" forms teams of ${[...new Set(rosters)].join(' and ')} players here`);
  }
  checkBackfill(s, m, entry, issue);
  if (s.roles?.priorityPass !== undefined) {
    const path = ['roles', 'priorityPass'];
    if (s.population === undefined) issue(path, 'is earned in one match and used at the next visit: it needs players who come back (population)');
    else if (s.matcher.composition === undefined) issue(path, 'is earned by playing off the first choice: it needs rooms filled by role (matcher.composition)');
    else if (m.clock !== 'seconds') issue(path, 'makes a visit queue as if earlier, in seconds: give matcher.clock "seconds"');
  }
  checkBackfillRequests(s, m, entry, issue);
  // A resolved scenario (summary.json's) records the default window whatever the algorithm: that one changes nothing, so it is let through.
  const defaultWindow = written.window?.type === 'linear' && written.window.growth === DEFAULT_WINDOW_GROWTH && Object.keys(written.window).length === 2;
  if (entry?.traits.ownRules === true && ((written.window !== undefined && !defaultWindow) || written.windowGrowth !== undefined)) {
    issue(['matcher', written.window !== undefined ? 'window' : 'windowGrowth'], `algorithm "${m.algorithm}" matches by its own rules (and relaxes them by its expansions): a window is for the other algorithms`);
  }
  if (written.clock !== undefined && m.service.type !== 'rounds') {
    issue(['matcher', 'clock'], `the ${m.service.type} service's attempts carry their own wait in seconds (each attempt's matching time): clock is for the rounds service`);
  } else if (written.clock !== undefined && entry !== undefined && !entry.traits.clocks.includes(written.clock)) {
    issue(['matcher', 'clock'], `algorithm "${m.algorithm}" follows the ${entry.traits.clocks.join(' or ')} clock, not ${written.clock}`);
  }
  if (entry !== undefined && !entry.traits.services.includes(m.service.type)) {
    const able = REGISTRY.filter((e) => e.traits.services.includes(m.service.type)).map((e) => e.name);
    issue(['matcher', 'service'], `algorithm "${m.algorithm}" cannot run under service ${m.service.type} (it cannot match one request on its own): use ${able.join(' or ')}`);
  }
  const parties = s.parties;
  if (parties === undefined) return;
  const sizes = Object.entries(parties.sizes).filter(([, w]) => w > 0).map(([size]) => Number(size));
  if (sizes.length === 0) {
    issue(['parties', 'sizes'], 'needs a size with a weight above 0');
    return;
  }
  const largest = Math.max(...sizes);
  const [fit, held] = partyProblems(m, largest);
  if (fit !== undefined) issue(['parties', 'sizes', String(largest)], fit);
  if (held !== undefined) issue(['matcher', 'algorithm'], held);
}

/**
 * Why a party of `largest` players cannot be matched under `written`: it
 * does not fit a room (or a team), and the algorithm cannot hold parties at
 * all; each undefined when it can. For the parties section's sizes and a
 * trace's recorded parties alike.
 */
export function partyProblems(m: ResolvedMatcher, largest: number): readonly [string | undefined, string | undefined] {
  const entry = m.module === undefined ? algorithmEntry(m.algorithm) : undefined;
  const shape = entry !== undefined ? teamShapeOf(m) : undefined;
  const own = entry?.largestRequest?.(m as unknown as MatcherSettings);
  const place = own ?? (shape !== undefined ? { size: shape.size, what: 'matcher.teams.size' } : { size: m.roomSize, what: 'matcher.roomSize' });
  const fit = largest > place.size ? `a party of ${largest} cannot fit ${place.what} (${place.size})` : undefined;
  const able = REGISTRY.filter((e) => e.traits.parties).map((e) => e.name);
  const held = entry !== undefined && !entry.traits.parties && largest > 1 ? `"${m.algorithm}" cannot hold parties (it groups roomSize requests, not players): use ${able.join(', ')}` : undefined;
  return [fit, held];
}

/** A composition names the scenario's roles and fills each team exactly, for an algorithm that fills rooms by role. */
function checkComposition(s: MatcherContext, m: MatcherSettings, entry: AlgorithmEntry | undefined, issue: AddIssue): void {
  const composition = s.matcher.composition;
  if (composition === undefined) {
    if (s.matcher.fillAfter !== undefined) issue(['matcher', 'fillAfter'], 'is for role queues: give matcher.composition too');
    return;
  }
  const roles = s.roles === undefined ? undefined : roleNames(s.roles);
  if (roles === undefined) issue(['matcher', 'composition'], "needs the scenario's roles (roles.shares, or roles.names): the roles players queue for");
  for (const role of Object.keys(composition)) if (roles !== undefined && !roles.includes(role)) issue(['matcher', 'composition', role], "is not one of the scenario's roles (roles.shares, or roles.names)");
  if (s.matcher.module !== undefined || (entry !== undefined && entry.traits.roles !== true)) {
    issue(['matcher', 'composition'], `${s.matcher.module !== undefined ? 'a matcher module' : `algorithm "${m.algorithm}"`} does not fill rooms by role: composition is for ${REGISTRY.filter((e) => e.traits.roles === true).map((e) => `"${e.name}"`).join(' and ')}`);
  }
  const slots = Object.values(composition).reduce((a, b) => a + b, 0);
  const team = teamShapeOf(m)?.size ?? m.roomSize;
  if (slots !== team) issue(['matcher', 'composition'], `${slots} slots a team, and a team holds ${team} players (${teamShapeOf(m) !== undefined ? 'matcher.teams.size' : 'matcher.roomSize'})`);
  if (s.parties !== undefined) issue(['parties'], 'parties in role queues are not simulated yet: with matcher.composition, each player queues alone');
}

