import { excerpt } from '../errors.js';
import * as z from 'zod';
import { anyObject } from '../scenarios/named-record.js';
import { defineAlgorithm, type MatcherSettings, type SettingsIssue } from './algorithm-entry.js';
import { aroundValue } from './tunable-ranges.js';
import { patience } from '../scenarios/schema/patience.js';
import { FlexMatchPool } from './flexmatch/flexmatch-pool.js';
import { readRuleSet, type RuleSet } from './flexmatch/rule-set.js';

const settings = z
  .strictObject({
    scoreAttribute: z.string().min(1).max(128).default('skill').describe("The rule set's player attribute that is each player's matchsim score (default skill, as a FlexMatch replay's score): a number attribute of the rule set."),
    ruleSet: z
      .union([z.string().min(1).max(4096), anyObject()])
      .describe("The FlexMatch rule set as GameLift takes it (name, ruleLanguageVersion, playerAttributes, teams, rules, expansions, algorithm), inline or its file (a path relative to the scenario file, read with it; // comments allowed): see docs/flexmatch.md."),
    batchSize: z
      .int()
      .min(2)
      .max(100000)
      .optional()
      .describe("Tickets per batch (the service's batch size, which its documentation leaves open): a pool larger than this is split each round into batches of nearly equal size, as the rule set's batchingPreference arranges them (random on the pool-choices stream, sorted by sortByAttributes, or by fastest region), each matched on its own. Absent: one batch holds every ticket."),
    requestTimeoutSeconds: z
      .number()
      .positive()
      .max(43200)
      .optional()
      .describe("The matchmaking configuration's request timeout: a ticket still unmatched this many seconds after its request (StartMatchmaking: the player's arrival) is given up by the service (GameLift's MatchmakingTimedOut), its players gone; counted in summary.json's abandonment.timedOut. Absent: tickets wait as long as they must."),
    acceptanceRequired: z
      .boolean()
      .optional()
      .describe("The matchmaking configuration's acceptanceRequired: each match is proposed (PotentialMatchCreated) and made only once every player accepts within acceptanceTimeoutSeconds; a rejection or a missing answer drops it, its tickets whose players all accepted searching again with their queue time kept, the others ended (GameLift's AcceptMatch). Needs acceptanceTimeoutSeconds and acceptance."),
    backfill: z
      .strictObject({
        startupSeconds: z.number().min(0).max(3600).default(5).describe('Seconds from a match forming to its game session being up: only then does it ask for players (FlexMatch starts backfilling a session once it has started).'),
        timeoutSeconds: z.number().positive().max(43200).default(60).describe('A backfill request unfilled this long times out, and the session asks again at once.'),
        untilSeconds: z.number().positive().max(86400).default(120).describe('Seconds from a match forming after which its session stops backfilling (its gameplay has begun, as a game server calls StopMatchBackfill); a request standing then is taken back.'),
      })
      .optional()
      .describe("The matchmaking configuration's automatic backfill (BackfillMode AUTOMATIC): a match formed with open places (teams below maxPlayers) asks, once its session is up, for players to fill them, with its present players on their teams, under the rule set, as the rule set's algorithm.backfillPriority stands it against new matches. Absent: no backfill."),
    acceptanceTimeoutSeconds: z.number().int().min(1).max(600).optional().describe("The matchmaking configuration's acceptanceTimeoutSeconds (1 to 600, as GameLift takes it): how long players have to answer a proposed match."),
    acceptance: z
      .strictObject({
        probability: z.number().min(0).max(1).describe('The chance that a player accepts a proposed match; the others reject it.'),
        response: patience.describe("Seconds from the proposal to a player's answer; an answer later than acceptanceTimeoutSeconds is no answer (the player failed to respond)."),
      })
      .optional()
      .describe('With acceptanceRequired: how the simulated players answer (drawn on the acceptance streams).'),
  })
  .describe("For algorithm 'flexmatch': the rule set matches are built by; matcher.roomSize is its largest match's players (every team at its largest maxPlayers).");

type FlexmatchSettings = z.output<typeof settings>;

/** Acceptance's settings agree: required, it has its timeout and its players' answers; not required, it has neither. */
function acceptanceIssues(matcher: MatcherSettings): SettingsIssue[] {
  const own = matcher.flexmatch as Partial<FlexmatchSettings> | undefined;
  const at = (field: string) => ['matcher', 'flexmatch', field];
  if (own?.acceptanceRequired === true) {
    return [
      ...(own.acceptanceTimeoutSeconds === undefined ? [[at('acceptanceTimeoutSeconds'), 'required with acceptanceRequired: the seconds players have to answer'] as const] : []),
      ...(own.acceptance === undefined ? [[at('acceptance'), 'required with acceptanceRequired: how the simulated players answer ({"probability": 0.9, "response": {"type": "exponential", "mean": 4}})'] as const] : []),
    ];
  }
  return (['acceptanceTimeoutSeconds', 'acceptance'] as const).filter((f) => own?.[f] !== undefined).map((f) => [at(f), 'has no effect without "acceptanceRequired": true'] as const);
}

/** Automatic backfill's settings agree: a session asks before it stops backfilling, and never with batches (a request would be split across them). */
function backfillIssues(matcher: MatcherSettings): SettingsIssue[] {
  const own = matcher.flexmatch as Partial<FlexmatchSettings> | undefined;
  const backfill = own?.backfill;
  if (backfill === undefined) return [];
  const issues: SettingsIssue[] = [];
  if (backfill.untilSeconds <= backfill.startupSeconds) issues.push([['matcher', 'flexmatch', 'backfill', 'untilSeconds'], `${backfill.untilSeconds} s is not after startupSeconds (${backfill.startupSeconds} s): no session would ever ask for players`]);
  if (own?.batchSize !== undefined) issues.push([['matcher', 'flexmatch', 'backfill'], 'backfill requests are not filled with batches (batchSize): a request would be split across them']);
  return issues;
}

const ruleSetOf = (matcher: MatcherSettings): unknown => (matcher.flexmatch as { ruleSet?: unknown } | undefined)?.ruleSet;

/** The rule set of a checked matcher (the check refused any other). */
function checkedRuleSet(matcher: MatcherSettings): RuleSet {
  const read = readRuleSet(ruleSetOf(matcher));
  if (!('ruleSet' in read)) throw new RangeError("algorithm 'flexmatch' needs a valid matcher.flexmatch.ruleSet");
  return read.ruleSet;
}

export const flexmatch = defineAlgorithm({
  name: 'flexmatch',
  description: "a GameLift FlexMatch rule set (matcher.flexmatch.ruleSet): matches built around the oldest ticket, its rules and expansions (on the seconds clock)",
  settings,
  // Ages are seconds: FlexMatch's expansions wait seconds, not worker rounds.
  resolve: (matcher) => (matcher.clock === undefined ? { ...matcher, clock: 'seconds' } : matcher),
  traits: { parties: true, teams: false, services: ['rounds'], oneWindow: false, clocks: ['seconds'], ownRules: true, backfill: true },
  check(matcher) {
    const issues: SettingsIssue[] = [];
    if (matcher.latency !== undefined) issues.push([['matcher', 'latency'], "the rule set's latency rules place its matches: a latency cap is for the other algorithms"]);
    if (ruleSetOf(matcher) === undefined) return [...issues, [['matcher', 'flexmatch', 'ruleSet'], 'required with algorithm "flexmatch": the rule set, inline or its file']];
    // A file is read into the document with the scenario (readScenarioDocument); a document that skipped that still names it.
    if (typeof ruleSetOf(matcher) === 'string') return [...issues, [['matcher', 'flexmatch', 'ruleSet'], 'a rule set file is read with its scenario file (loadScenario): this document was not']];
    const read = readRuleSet(ruleSetOf(matcher));
    if ('problems' in read) return [...issues, ...read.problems.slice(0, 5).map((p) => [['matcher', 'flexmatch', 'ruleSet', ...p.path], p.message] as const)];
    const { document, matchSizes } = read.ruleSet;
    issues.push(...acceptanceIssues(matcher));
    issues.push(...backfillIssues(matcher));
    const scoreAttribute = (matcher.flexmatch as { scoreAttribute?: string }).scoreAttribute ?? 'skill';
    const declared = document.playerAttributes.find((a) => a.name === scoreAttribute);
    if (declared !== undefined && declared.type !== 'number') issues.push([['matcher', 'flexmatch', 'scoreAttribute'], `${excerpt(scoreAttribute)} is a ${declared.type} attribute of the rule set: a score is a number`]);
    if (matchSizes.most !== matcher.roomSize) issues.push([['matcher', 'roomSize'], `must be the rule set's largest match, ${matchSizes.most} players (it is ${matcher.roomSize})`]);
    return issues;
  },
  // A party plays on one team: the largest team bounds it.
  largestRequest(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    if (!('ruleSet' in read)) return undefined;
    const team = read.ruleSet.document.teams.reduce((a, b) => (b.maxPlayers > a.maxPlayers ? b : a));
    return { size: team.maxPlayers, what: `team ${excerpt(team.name)} of the rule set` };
  },
  // Teams fill between their minPlayers and maxPlayers, which expansions move.
  smallestRoom(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    return 'ruleSet' in read ? read.ruleSet.matchSizes.fewest : undefined;
  },
  // As FlexMatch names them: a definition of quantity n gives n teams, name_1 ... name_n, in definition order (the builder's).
  teamNames(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    if (!('ruleSet' in read)) return undefined;
    return read.ruleSet.document.teams.flatMap((t) => (t.quantity === 1 ? [t.name] : Array.from({ length: t.quantity }, (_, q) => `${t.name}_${q + 1}`)));
  },
  teamSizes(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    if (!('ruleSet' in read)) return undefined;
    return read.ruleSet.document.teams.flatMap((t) => Array.from({ length: t.quantity }, () => Math.max(t.maxPlayers, ...read.ruleSet.expansions.filter((x) => x.of === 'teams' && x.name === t.name && x.property === 'maxPlayers').flatMap((x) => x.steps.map((step) => Number(step.value))))));
  },
  expansionTargets(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    return 'ruleSet' in read ? read.ruleSet.document.expansions.map((x) => x.target) : undefined;
  },
  requestTimeout: (matcher) => (matcher.flexmatch as { requestTimeoutSeconds?: number } | undefined)?.requestTimeoutSeconds,
  backfillPriority(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    return 'ruleSet' in read ? read.ruleSet.document.algorithm.backfillPriority : undefined;
  },
  sessionBackfill(matcher) {
    const own = matcher.flexmatch as FlexmatchSettings | undefined;
    const read = readRuleSet(ruleSetOf(matcher));
    if (own?.backfill === undefined || !('ruleSet' in read)) return undefined;
    return { ...own.backfill, priority: read.ruleSet.document.algorithm.backfillPriority };
  },
  acceptance(matcher) {
    const own = matcher.flexmatch as FlexmatchSettings | undefined;
    if (own?.acceptanceRequired !== true || own.acceptanceTimeoutSeconds === undefined || own.acceptance === undefined) return undefined;
    return { timeoutSeconds: own.acceptanceTimeoutSeconds, ...own.acceptance };
  },
  // The first expansion's first wait: when the rule set first relaxes (sweep or tune any other step with --param).
  tunable(matcher) {
    const read = readRuleSet(ruleSetOf(matcher));
    const steps = 'ruleSet' in read ? read.ruleSet.document.expansions[0]?.steps : undefined;
    if (steps === undefined) return [];
    // Up to the next step's wait, so that the steps stay in order.
    const around = aroundValue('matcher.flexmatch.ruleSet.expansions.0.steps.0.waitTimeSeconds', steps[0].waitTimeSeconds, 4, { low: 1, high: 60 }, 3600);
    return [{ ...around, high: Math.min(around.high, (steps[1]?.waitTimeSeconds ?? Infinity) - 1e-6) }];
  },
  create(matcher, context) {
    if (context.tickets === undefined) throw new RangeError("algorithm 'flexmatch' reads each ticket's attributes and round trips from the ticket table: give it (tickets)");
    const own = matcher.flexmatch as { scoreAttribute?: string; batchSize?: number } | undefined;
    const batches = own?.batchSize !== undefined ? { batchSize: own.batchSize, ...(context.random !== undefined ? { random: context.random } : {}) } : {};
    return new FlexMatchPool(checkedRuleSet(matcher), context.roomSize, context.tickets, own?.scoreAttribute ?? 'skill', batches);
  },
});
