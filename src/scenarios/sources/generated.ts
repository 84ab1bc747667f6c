import * as z from 'zod';
import type { ArrivalSource } from '../../engine/arrival-source.js';
import type { Attributes } from '../../engine/pool/filters.js';
import { RandomStreams, standardNormal, type Uniform } from '../../engine/rng.js';
import { attributesSampler } from '../attributes.js';
import { attributeKinds } from '../schema/attributes.js';
import type { AttributeDeclaration } from '../../engine/ticket/attribute-kinds.js';
import { positive, positiveSeconds, seconds } from '../fields.js';
import { partyArrivals } from '../parties.js';
import { withRoles } from '../roles.js';
import type { RateFunction } from '../rate-profile.js';
import type { AddIssue } from '../schema/section-issue.js';
import { scoreSampler, wholeScore, type ScoreSampler } from '../scores.js';
import { STREAMS } from '../streams.js';
import { Geography } from '../latency/geography.js';
import { dataCentresOf } from '../schema/latency.js';
import type { SourceData, SourceScenario } from './source-kind.js';

/** What the generated kinds (poisson, profile) share: bursts, the scores and attributes players are drawn with, parties. */

export const bursts = z
  .array(
    z.strictObject({
      start: seconds('start').describe('Seconds from the start of the run.'),
      end: positiveSeconds('end'),
      rate: positive('rate (extra arrivals per second)').describe('Extra arrivals per second while the burst lasts.'),
    }),
  )
  .max(10000)
  .optional()
  .describe('Extra arrival rate over windows of time [start, end), e.g. a patch release.');

export function checkBursts(spec: { readonly bursts?: ReadonlyArray<{ readonly start: number; readonly end: number }> }, issue: AddIssue): void {
  (spec.bursts ?? []).forEach((b, i) => {
    if (b.end <= b.start) issue(['arrivals', 'bursts', i, 'end'], `must be after start (${b.start})`);
  });
}

/** The generated kinds need a duration and scores. */
export const GENERATED_NEEDS = { duration: '', scores: '' } as const;

/** How a generated kind times its requests, each given a score and attributes as it comes. */
export type RequestTimes = (gaps: Uniform, random: RandomStreams, score: ScoreSampler, attributes: (() => Attributes) | undefined) => ArrivalSource;

/** A generated kind's arrivals: requests timed by `times`, scored from scenario.scores, with attributes, as parties when the scenario has parties. */
export function generatedArrivals(scenario: SourceScenario, data: SourceData, times: RequestTimes): ArrivalSource {
  if (!scenario.scores) throw new Error('generated arrivals need scores');
  const random = new RandomStreams(scenario.seed);
  const scores = scoreSampler(scenario.scores, random.stream(STREAMS.scores), data.empirical);
  const attributes = scenario.attributes && attributesSampler(scenario.attributes, random.stream(STREAMS.attributes));
  const requests = times(random.stream(STREAMS.arrivals), random, scores, attributes);
  const players = partiesOf(scenario, requests, random, scores);
  // Each player measures its own round trips, party members too (each next() is one player), and draws its own roles.
  const placed = scenario.latency?.players ? withLatency(players, new Geography(scenario.latency.players, dataCentresOf(scenario.latency), random)) : players;
  const roles = scenario.roles;
  return roles?.shares !== undefined ? withRoles(placed, { ...roles, shares: roles.shares }, random.stream(STREAMS.roles)) : placed;
}

/** The requests as players: parties of the scenario's sizes when it has parties. */
function partiesOf(scenario: SourceScenario, requests: ArrivalSource, random: RandomStreams, scores: ScoreSampler): ArrivalSource {
  const parties = scenario.parties;
  if (!parties || !scenario.scores) return requests;
  // Friends tend to play at a similar level: with memberSpread, members' scores scatter around the first member's.
  const spread = parties.memberSpread;
  const near = random.stream(STREAMS.partyScores);
  const whole = wholeScore(scenario.scores);
  const memberScore = spread === undefined ? () => scores() : (leader: number) => whole(leader + spread * standardNormal(near));
  return partyArrivals(requests, parties.sizes, random.stream(STREAMS.parties), memberScore);
}

/** Each player from `source` with its round trips to the data centres, drawn from the geography. */
function withLatency(source: ArrivalSource, geography: Geography): ArrivalSource {
  const measured = new Float64Array(geography.dataCentreCount);
  let leaderRegion = 0;
  return {
    ids: source.ids,
    next(slot) {
      if (!source.next(slot)) return false;
      // Friends queue from the same part of the world: a party's further members (party 0) are in its leader's region, each at a place of its own.
      const place = slot.party === 0 ? geography.drawPlace(leaderRegion) : geography.drawPlace();
      leaderRegion = place.region;
      slot.latency = geography.measure(geography.baseRoundTrips(place), measured);
      return true;
    },
  };
}

/** The attributes generated players carry: the scenario's, in its order, each of its distribution's kind. */
export function generatedAttributes(_spec: unknown, scenario: SourceScenario): readonly AttributeDeclaration[] {
  return [...attributeKinds(scenario.attributes)].map(([name, kind]) => ({ name, kind }));
}

/** Players a generated kind brings: an upper bound (its peak rate all along), times the mean party size. */
export function generatedEstimate(rate: RateFunction, scenario: SourceScenario): number {
  const requests = rate.max * scenario.duration;
  const sizes = Object.entries(scenario.parties?.sizes ?? { 1: 1 });
  const weight = sizes.reduce((w, [, x]) => w + x, 0);
  const meanSize = weight > 0 ? sizes.reduce((m, [size, x]) => m + Number(size) * x, 0) / weight : 1;
  return requests * meanSize;
}
