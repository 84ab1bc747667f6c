import { poolRouter, type Attributes, type PoolSpec } from './filters.js';
import { matchesOne, type Candidate, type MatchAlgorithm, type SingleRequestMatching } from './match-algorithm.js';
import { roundMatches, singleMatch, type Match } from './match.js';
import { addedRuleEvaluations, ruleEvaluationsOf, type RuleEvaluation } from './rule-evaluations.js';

/** A request that carries attributes for pool filters. */
export interface AttributedCandidate extends Candidate {
  readonly attributes?: Attributes;
  /** The pool the caller already routed the request to, by these same pools' filters (a ticket's pool, found once); absent: the pool routes it. */
  readonly pool?: number;
}

/**
 * Splits requests into pools by attribute filters (Open Match's pools) and
 * matches each pool on its own, in the order the pools are listed. A request
 * goes to the first pool whose filters all hold; one that fits no pool waits
 * outside every pool and is never matched.
 */
export class PartitionedPool<T extends AttributedCandidate> implements MatchAlgorithm<T>, Partial<SingleRequestMatching<T>> {
  readonly roomSize: number;
  readonly parties: boolean;
  private readonly pools: MatchAlgorithm<T>[];
  private unpooled: T[] = [];
  private readonly route: (attributes: Attributes | undefined) => number;
  /** Lets one request try to form a room in its own pool (for per-request retries): offered only when every pool offers it. */
  readonly matchOne?: (candidate: T, waitSeconds: number) => T[] | undefined;
  /** matchOne's room as a match, rosters and all. */
  readonly matchOneMatch?: (candidate: T, waitSeconds: number) => Match<T> | undefined;
  /** Every pool's rule evaluations added up: offered only when every pool counts them. */
  readonly ruleEvaluations?: () => RuleEvaluation[];

  constructor(
    specs: readonly PoolSpec[],
    makePool: (spec: PoolSpec) => MatchAlgorithm<T>,
  ) {
    if (specs.length === 0) throw new RangeError('a partitioned pool needs at least one pool');
    this.pools = specs.map(makePool);
    this.route = poolRouter(specs);
    this.roomSize = this.pools[0].roomSize;
    this.parties = this.pools.every((p) => p.parties === true);
    const single = this.pools.filter(matchesOne);
    if (single.length === this.pools.length) {
      const matchOneMatch = (candidate: T, waitSeconds: number): Match<T> | undefined => {
        const at = this.poolOf(candidate);
        return at < 0 ? undefined : singleMatch(single[at], candidate, waitSeconds);
      };
      this.matchOneMatch = matchOneMatch;
      this.matchOne = (candidate, waitSeconds) => matchOneMatch(candidate, waitSeconds)?.tickets as T[] | undefined;
    }
    if (this.pools.every((p) => ruleEvaluationsOf(p) !== undefined)) this.ruleEvaluations = () => addedRuleEvaluations(this.pools.map((p) => ruleEvaluationsOf(p) ?? []));
  }

  get size(): number {
    return this.pools.reduce((n, p) => n + p.size, this.unpooled.length);
  }

  /** The index of the pool a request goes to, or -1 for none. */
  poolOf(candidate: T): number {
    return candidate.pool ?? this.route(candidate.attributes);
  }

  add(candidate: T): void {
    const at = this.poolOf(candidate);
    if (at < 0) this.unpooled.push(candidate);
    else this.pools[at].add(candidate);
  }

  remove(candidate: T): boolean {
    const at = this.unpooled.indexOf(candidate);
    if (at >= 0) {
      this.unpooled.splice(at, 1);
      return true;
    }
    return this.pools.some((p) => p.remove(candidate));
  }

  match(now: number): T[][] {
    return this.pools.flatMap((p) => p.match(now));
  }

  /** Each pool's matches, rosters and all, in the order the pools are listed. */
  matches(now: number): Match<T>[] {
    return this.pools.flatMap((p) => roundMatches(p, now));
  }

  waiting(): T[] {
    return [...this.pools.flatMap((p) => p.waiting()), ...this.unpooled];
  }
}
