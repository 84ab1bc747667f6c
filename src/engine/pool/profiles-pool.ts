import type { PoolClock } from './clock.js';
import { compileFilters, type Filter, type FilterTest } from './filters.js';
import type { Candidate, MatchAlgorithm, RoomCondition } from './match-algorithm.js';
import type { AttributedCandidate } from './partitioned-pool.js';
import { ScoreOrderedPool, type Entry } from './score-ordered-requests.js';
import { evaluate, type Proposal } from './evaluator.js';
import type { Match, MatchForming } from './match.js';
import type { WindowPolicy } from './window.js';

export { evaluate, type Proposal } from './evaluator.js';
import { groupMatches } from './window-scan-pool.js';

/** One match profile (Open Match): which requests it looks at and how wide their windows are. */
export interface MatchProfile {
  readonly name: string;
  readonly window: WindowPolicy;
  /** Only requests for which every filter holds; none: every request. */
  readonly filters?: readonly Filter[];
}


export interface ProfilesOptions<T = Candidate> {
  /** Players per room. */
  readonly roomSize: number;
  /** Seconds between rounds: waiting is counted in rounds, as in the seed, unless `clock` says otherwise. */
  readonly roundSeconds: number;
  /** Whose time the windows follow (clock.ts); default the rounds. */
  readonly clock?: PoolClock<T>;
  readonly profiles: readonly MatchProfile[];
  /**
   * The evaluator's exchange rate: a proposal's quality is waitWeight * (mean
   * wait of its players, in seconds) - (its score spread). With the seed's
   * growth G as waitWeight, a second of waiting is worth G points of spread.
   */
  readonly waitWeight: number;
  /** What a proposal must pass besides the profile's windows (a latency cap of the whole room); absent: nothing. */
  readonly accepts?: RoomCondition<T>;
}

/**
 * Profiles and an evaluator, after Open Match (seed 002). Each round every
 * profile proposes rooms from the requests its filters select: each run of
 * consecutive requests in score order that brings exactly roomSize players
 * and whose members all lie within each other's windows (the profile's
 * window policy). Proposals overlap; the evaluator takes them by quality,
 * best first, and drops any that shares a request with one already taken.
 * Ties in quality go to the earlier profile, then to the proposal holding the
 * earlier arrival, so the result is deterministic.
 */
export class ProfilesPool<T extends AttributedCandidate> extends ScoreOrderedPool<T> implements MatchAlgorithm<T>, MatchForming<T> {
  /** Each profile's filters, compiled once. */
  private readonly selects: readonly FilterTest[];

  constructor(private readonly options: ProfilesOptions<T>) {
    super(options.roomSize, options.roundSeconds, options.clock);
    if (options.profiles.length === 0) throw new RangeError('profiles: give at least one profile');
    this.selects = options.profiles.map((profile) => compileFilters(profile.filters ?? []));
  }

  match(now: number): T[][] {
    return this.matches(now).map((m) => m.tickets as T[]);
  }

  /** One round's matches, each with the evaluator's measure of it (its quality: waitWeight x mean wait - spread). */
  matches(now: number): Match<T>[] {
    const reading = this.clock.reading(this.round++, now);
    const entries = this.requests.entries;
    const proposals: Array<Proposal<T> & { readonly at: readonly number[] }> = [];
    this.options.profiles.forEach((profile, p) => {
      for (const at of this.propose(profile, this.selects[p], reading)) {
        const group = at.map((i) => entries[i]);
        proposals.push({ profile: p, members: group.map((e) => e.candidate), at, quality: this.quality(group, reading), firstSeq: Math.min(...group.map((e) => e.seq)) });
      }
    });
    const taken = new Uint8Array(entries.length);
    const rooms = evaluate(proposals, (proposal) => proposal.at.some((i) => taken[i]), (proposal) => proposal.at.forEach((i) => (taken[i] = 1)));
    if (rooms.length > 0) this.requests.removeMarked(taken);
    return rooms.map((r) => ({ tickets: [...r.members], quality: r.quality }));
  }

  /** One profile's proposals, as indices into the entries: runs of consecutive selected requests. */
  private propose(profile: MatchProfile, select: FilterTest, reading: number): number[][] {
    const entries = this.requests.entries;
    const selected: number[] = [];
    entries.forEach((e, i) => {
      if (select(e.candidate.attributes)) selected.push(i);
    });
    const out: number[][] = [];
    const group: Candidate[] = [];
    const windows: number[] = [];
    for (let start = 0; start < selected.length; start++) {
      let players = 0;
      let end = start;
      while (end < selected.length && players < this.roomSize) players += entries[selected[end++]].size;
      if (players !== this.roomSize) continue;
      const at = selected.slice(start, end);
      group.length = 0;
      windows.length = 0;
      for (const i of at) {
        group.push(entries[i].candidate);
        windows.push(profile.window(this.clock.age(entries[i].joined, reading)));
      }
      if (groupMatches(group, windows, 0, group.length) && this.accepted(at, reading)) out.push(at);
    }
    return out;
  }

  /** Whether the proposal at these entries passes the room condition, if there is one. */
  private accepted(at: readonly number[], reading: number): boolean {
    const accepts = this.options.accepts;
    if (accepts === undefined) return true;
    const entries = this.requests.entries;
    return accepts(
      at.map((i) => entries[i].candidate as T),
      at.map((i) => this.clock.age(entries[i].joined, reading)),
    );
  }

  private quality(group: readonly Entry<T>[], reading: number): number {
    let waited = 0;
    let players = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const e of group) {
      waited += this.clock.age(e.joined, reading) * e.size;
      players += e.size;
      lo = Math.min(lo, e.candidate.score);
      hi = Math.max(hi, e.candidate.score);
    }
    return (this.options.waitWeight * waited) / players - (hi - lo);
  }
}
