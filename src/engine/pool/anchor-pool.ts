import type { PoolClock } from './clock.js';
import type { Candidate, MatchAlgorithm, RoomCondition, SingleRequestMatching } from './match-algorithm.js';
import { nextOutward, ScoreOrderedPool } from './score-ordered-requests.js';
import { dealTeams, packable, type TeamBalance, type TeamShape } from './teams.js';
import type { Match, MatchForming, SingleMatchForming } from './match.js';
import type { WindowPolicy } from './window.js';
import { dealByRole, RoleFill } from './roles.js';
import type { BackfillMatching, BackfillRequest } from './backfill.js';

/** Up to this many roles, the round's early stop checks Hall's condition on every set of roles; beyond, each role alone. */
const HALL_ROLES = 6;

export interface AnchorOptions<T = Candidate> {
  /** Players per room. */
  readonly roomSize: number;
  readonly window: WindowPolicy;
  /** Seconds between rounds: waiting is counted in rounds, as in the seed, unless `clock` says otherwise. */
  readonly roundSeconds: number;
  /** Whose time the windows follow (clock.ts); default the rounds. */
  readonly clock?: PoolClock<T>;
  /** Rooms of teams: roomSize must be shape.count * shape.size. */
  readonly teams?: { readonly shape: TeamShape; readonly balance: TeamBalance };
  /** What a room must pass besides the anchor's window (a latency cap of the whole room); absent: nothing. */
  readonly accepts?: RoomCondition<T>;
  /**
   * Role queues: each team's slots of each role (the whole room's without
   * teams), by role index; `rolesOf`, the roles a request's player queues
   * for (indices, its order of preference); `names`, each role's name. Each
   * member then plays one of its roles, every slot filled; a request of
   * several players is not taken.
   */
  readonly roles?: {
    readonly slots: readonly number[];
    readonly names: readonly string[];
    readonly rolesOf: (c: T) => readonly number[];
    /** A request that has waited this long (on the pool's clock) also takes any other role, after its own (League's fill); absent: never. */
    readonly fillAfter?: number;
  };
}

/**
 * Oldest first: each round, the longest-waiting request (the anchor) takes the
 * closest scores inside its own window until the room holds roomSize players,
 * then the next oldest still waiting does the same. Only the anchor's window
 * counts: the player who has waited longest decides, so rooms form sooner
 * than in the seed's pairwise rule, at some cost in spread. Ties in closeness
 * go to the longer-waiting, then to the earlier arrival.
 *
 * Parties are never split: a request that no longer fits the room (or, with
 * teams, would leave no way to deal the room into whole teams) is passed over
 * for the next closest. Without teams a room lists the anchor first, then its
 * companions from closest to farthest; with teams it lists team 1's players,
 * then team 2's, and so on (see dealTeams).
 */
export class AnchorPool<T extends Candidate> extends ScoreOrderedPool<T> implements MatchAlgorithm<T>, SingleRequestMatching<T>, MatchForming<T>, SingleMatchForming<T>, BackfillMatching<unknown> {
  /** Backfill requests standing, by their match, in the order made: a Map iterates in insertion order, so rounds see them in a fixed order. */
  private readonly standing = new Map<unknown, StandingBackfill>();
  private backfillSeq = 0;

  constructor(private readonly options: AnchorOptions<T>) {
    super(options.roomSize, options.roundSeconds, options.clock);
    const shape = options.teams?.shape;
    if (shape && (!Number.isInteger(shape.count) || shape.count < 2 || !Number.isInteger(shape.size) || shape.size < 1 || shape.count * shape.size !== options.roomSize)) {
      throw new RangeError(`teams of ${shape.count} x ${shape.size} do not make rooms of ${options.roomSize}`);
    }
  }

  protected override largestRequest(): { readonly players: number; readonly place: string } {
    const teams = this.options.teams;
    return teams ? { players: teams.shape.size, place: 'a team' } : super.largestRequest();
  }

  match(now: number): T[][] {
    return this.matches(now).map((m) => m.tickets as T[]);
  }

  get backfills(): number {
    return this.standing.size;
  }

  /**
   * A running match's request for players. Its window is the anchor's, widening
   * with the request's own age, centred on the match's score; only players
   * alone join (a party is not split across a running match's open places),
   * each in a role of an open place with role queues.
   */
  addBackfill(request: BackfillRequest<unknown>): void {
    if (!Number.isInteger(request.open) || request.open < 1) throw new RangeError(`a backfill request must open at least one place, got ${request.open}`);
    if (this.options.accepts !== undefined) throw new RangeError('a backfill request cannot be tested against a room condition (a latency cap): the pool does not hold the match\'s present players');
    if (request.roles !== undefined) {
      const roles = this.options.roles;
      if (roles === undefined || request.roles.length !== request.open) throw new RangeError('a backfill request names the roles of its places: the pool must have role queues, and one role per open place');
      const unknown = request.roles.find((r) => !roles.names.includes(r));
      if (unknown !== undefined) throw new RangeError(`a backfill request's place is for role "${unknown}", which no room of this pool has`);
    }
    this.standing.delete(request.match);
    const stamp = this.clock.kind === 'rounds' ? this.round : request.requestedAt;
    this.standing.set(request.match, { request, stamp, seq: this.backfillSeq++ });
  }

  removeBackfill(match: unknown): boolean {
    return this.standing.delete(match);
  }

  /** One round's matches: with teams, each with its rosters as dealt; with backfill requests standing, their fills too, where the priority puts them. */
  matches(now: number): Match<T>[] {
    if (this.standing.size > 0) return this.matchesWithBackfill(now);
    const round = this.round++;
    const reading = this.clock.reading(round, now);
    const entries = this.requests.entries;
    const n = entries.length;
    const rooms: Match<T>[] = [];
    if (n === 0) return rooms;
    const taken = new Uint8Array(n);
    const byAge = Array.from({ length: n }, (_, i) => i).sort((a, b) => entries[a].joined - entries[b].joined || entries[a].seq - entries[b].seq);
    const supply = this.roleSupply(taken, reading);
    for (const anchor of byAge) {
      // Too few players left for some role's slots: no room can form this round (a necessary condition, so exact).
      if (supply !== undefined && supply.short()) break;
      if (taken[anchor]) continue;
      const reach = this.options.window(this.clock.age(entries[anchor].joined, reading));
      const room = this.gather(anchor, reach, taken, reading);
      if (room) {
        rooms.push(room);
        supply?.take(room.tickets);
      }
    }
    if (rooms.length > 0) this.requests.removeMarked(taken);
    return rooms;
  }

  /**
   * A round with backfill requests standing: those of high priority fill
   * first, oldest first; then the new matches' anchors and the requests of
   * normal priority, oldest first (a request before a ticket of the same
   * age); then those of low priority. A request filled, even in part, is done.
   */
  private matchesWithBackfill(now: number): Match<T>[] {
    const round = this.round++;
    const reading = this.clock.reading(round, now);
    const entries = this.requests.entries;
    const n = entries.length;
    const matches: Match<T>[] = [];
    const taken = new Uint8Array(n);
    const byAge = Array.from({ length: n }, (_, i) => i).sort((a, b) => entries[a].joined - entries[b].joined || entries[a].seq - entries[b].seq);
    const requests = [...this.standing.values()].sort((a, b) => a.stamp - b.stamp || a.seq - b.seq);
    const supply = this.roleSupply(taken, reading);
    let filled = false;
    const fill = (standing: StandingBackfill): void => {
      const match = this.fillBackfill(standing.request, this.options.window(this.clock.age(standing.stamp, reading)), taken, reading);
      if (match === undefined) return;
      this.standing.delete(standing.request.match);
      matches.push(match);
      supply?.take(match.tickets);
      filled = true;
    };
    const anchor = (i: number): void => {
      // Too few players left for some role's slots: no new room can form (backfills still may).
      if (taken[i] || (supply !== undefined && supply.short())) return;
      const room = this.gather(i, this.options.window(this.clock.age(entries[i].joined, reading)), taken, reading);
      if (room === undefined) return;
      matches.push(room);
      supply?.take(room.tickets);
      filled = true;
    };
    for (const r of requests) if (r.request.priority === 'high') fill(r);
    const normal = requests.filter((r) => r.request.priority === 'normal');
    let k = 0;
    for (const i of byAge) {
      while (k < normal.length && normal[k].stamp <= entries[i].joined) fill(normal[k++]);
      anchor(i);
    }
    while (k < normal.length) fill(normal[k++]);
    for (const r of requests) if (r.request.priority === 'low') fill(r);
    if (filled) this.requests.removeMarked(taken);
    return matches;
  }

  /**
   * A backfill request's players: walking outwards from its score, the closer
   * side first (on a tie, the older request), players alone not yet taken,
   * until its places are full or the next is out of reach. With roles, each
   * joins in a role of an open place. Undefined (nothing marked) when nobody
   * is in reach.
   */
  private fillBackfill(request: BackfillRequest<unknown>, reach: number, taken: Uint8Array, reading: number): Match<T> | undefined {
    const entries = this.requests.entries;
    const n = entries.length;
    const score = request.score;
    let right = 0;
    for (let hi = n; right < hi; ) {
      const mid = (right + hi) >> 1;
      if (entries[mid].candidate.score < score) right = mid + 1;
      else hi = mid;
    }
    const walk = { left: right - 1, right };
    const roles = this.options.roles;
    const open = request.roles;
    const cast = roles !== undefined && open !== undefined ? new RoleFill(roles.names.map((name) => open.filter((o) => o === name).length)) : undefined;
    const chosen: number[] = [];
    while (chosen.length < request.open) {
      const next = nextOutward(entries, score, walk, taken, reach);
      if (next < 0) break;
      if (entries[next].size !== 1) continue;
      if (cast !== undefined && !cast.add(this.rolesNow(next, reading))) continue;
      chosen.push(next);
    }
    if (chosen.length === 0) return undefined;
    for (const c of chosen) taken[c] = 1;
    const tickets = chosen.map((c) => entries[c].candidate);
    if (cast === undefined || roles === undefined) return { tickets, backfill: request.match };
    return { tickets, backfill: request.match, roles: cast.roles().map((r) => roles.names[r]) };
  }

  /** The roles request `i` takes now: its own, then, once it has waited fillAfter (at `reading`), every other. */
  private rolesNow(i: number, reading: number | undefined): readonly number[] {
    const roles = this.options.roles as NonNullable<AnchorOptions<T>['roles']>;
    const entry = this.requests.entries[i];
    const own = roles.rolesOf(entry.candidate);
    if (roles.fillAfter === undefined || reading === undefined || this.clock.age(entry.joined, reading) < roles.fillAfter) return own;
    return [...own, ...roles.names.map((_, r) => r).filter((r) => !own.includes(r))];
  }

  /**
   * With roles: whether the untaken players alone could still fill a room's
   * slots, by Hall's condition: for every set of roles (every single role
   * where there are more than HALL_ROLES), the players who can play one of
   * them are at least the room's slots of them. Short, no room can form this
   * round, whatever the windows.
   */
  private roleSupply(taken: Uint8Array, reading: number): { short(): boolean; take(tickets: readonly T[]): void } | undefined {
    const roles = this.options.roles;
    if (roles === undefined) return undefined;
    const teams = this.options.teams?.shape.count ?? 1;
    const need = roles.slots.map((n) => n * teams);
    // Players by the set of roles they can play, as a bit mask.
    const byMask = new Map<number, number>();
    const maskOf = new Map<T, number>();
    const count = (c: T, by: number) => {
      const mask = maskOf.get(c);
      if (mask !== undefined) byMask.set(mask, (byMask.get(mask) ?? 0) + by);
    };
    this.requests.entries.forEach((e, i) => {
      if (taken[i] !== 0 || e.size !== 1) return;
      let mask = 0;
      for (const r of this.rolesNow(i, reading)) mask |= 1 << r;
      maskOf.set(e.candidate, mask);
      count(e.candidate, 1);
    });
    const sets = need.length <= HALL_ROLES ? Array.from({ length: (1 << need.length) - 1 }, (_, k) => k + 1) : need.map((_, r) => 1 << r);
    const needOf = sets.map((s) => need.reduce((n, slots, r) => ((s >> r) & 1 ? n + slots : n), 0));
    let known: boolean | undefined;
    return {
      short: () => {
        if (known === undefined) {
          known = sets.some((s, k) => {
            let have = 0;
            for (const [mask, players] of byMask) if ((mask & s) !== 0) have += players;
            return have < needOf[k];
          });
        }
        return known;
      },
      take: (tickets) => {
        for (const c of tickets) count(c, -1);
        known = undefined;
      },
    };
  }

  /**
   * Lets one waiting request try to form a room now, as the anchor, with the
   * window of `waitSeconds` of waiting: for a service that retries each request
   * on its own schedule instead of matching everyone once a round. Returns the
   * room (its members leave the pool), or undefined.
   */
  matchOne(candidate: T, waitSeconds: number): T[] | undefined {
    return this.matchOneMatch(candidate, waitSeconds)?.tickets as T[] | undefined;
  }

  /** matchOne's room as a match: with teams, with its rosters. */
  matchOneMatch(candidate: T, waitSeconds: number): Match<T> | undefined {
    const at = this.requests.indexOf(candidate);
    if (at < 0) return undefined;
    const taken = new Uint8Array(this.requests.length);
    const room = this.gather(at, this.options.window(waitSeconds), taken, undefined);
    if (room) this.requests.removeMarked(taken);
    return room;
  }

  /**
   * The anchor's room: walk outwards from it in score, always taking the
   * closer side (on a tie, the older request), passing over requests that do
   * not fit, until the room is full or the next is out of reach. Marks the
   * members in `taken` and returns them in room order; undefined (nothing
   * marked) when the window does not hold enough players. With a room
   * condition, a request that would make the room so far fail it is passed
   * over too, and the full room must pass it (at `reading`).
   */
  private gather(anchor: number, reach: number, taken: Uint8Array, reading: number | undefined): Match<T> | undefined {
    const entries = this.requests.entries;
    const teams = this.options.teams;
    const score = entries[anchor].candidate.score;
    const chosen = [anchor];
    const sizes = [entries[anchor].size];
    let players = entries[anchor].size;
    const accepts = this.options.accepts;
    if (accepts !== undefined && reading === undefined) throw new RangeError('a room condition needs the round\'s reading: matchOne cannot apply it');
    const accepted = (extra: number): boolean => {
      if (accepts === undefined) return true;
      const group = extra < 0 ? chosen : [...chosen, extra];
      return accepts(
        group.map((c) => entries[c].candidate),
        group.map((c) => this.clock.age(entries[c].joined, reading as number)),
      );
    };
    const roles = this.options.roles;
    const fill = roles === undefined ? undefined : new RoleFill(roles.slots.map((n) => n * (teams?.shape.count ?? 1)));
    /** With roles, last: a player alone with a role left for it joins the room's roles (a party is not taken). */
    const cast = (i: number): boolean => roles === undefined || (entries[i].size === 1 && (fill as RoleFill).add(this.rolesNow(i, reading)));
    if (!cast(anchor)) return undefined;
    const fits = (i: number): boolean => {
      if (players + entries[i].size > this.roomSize) return false;
      if (accepts !== undefined && !accepted(i)) return false;
      if (teams) {
        sizes.push(entries[i].size);
        const ok = packable(sizes, teams.shape);
        sizes.pop();
        if (!ok) return false;
      }
      return cast(i);
    };
    const walk = { left: anchor - 1, right: anchor + 1 };
    while (players < this.roomSize) {
      const next = nextOutward(entries, score, walk, taken, reach);
      if (next < 0) break;
      // Passed over for good: the room only fills up, so what does not fit now never will.
      if (!fits(next)) continue;
      chosen.push(next);
      sizes.push(entries[next].size);
      players += entries[next].size;
    }
    if (players < this.roomSize || (accepts !== undefined && !accepted(-1))) return undefined;
    for (const c of chosen) taken[c] = 1;
    const room = chosen.map((c) => entries[c].candidate);
    if (roles !== undefined) return castRoles(room, (fill as RoleFill).roles(), roles, teams?.shape.count);
    if (!teams) return { tickets: room };
    const rosters = dealTeams(room, teams.shape, teams.balance);
    return { tickets: rosters.flat(), rosters };
  }
}

/** A backfill request standing in the pool: its clock's stamp when made, and the order it was made in (the last tie-break). */
interface StandingBackfill {
  readonly request: BackfillRequest<unknown>;
  readonly stamp: number;
  readonly seq: number;
}

/** A full room of role queues as its match: each member's role (one it queues for), and with teams the rosters dealt by role. */
function castRoles<T extends Candidate>(room: readonly T[], role: readonly number[], roles: NonNullable<AnchorOptions<T>['roles']>, teams: number | undefined): Match<T> {
  if (teams === undefined) return { tickets: room, roles: role.map((r) => roles.names[r]) };
  const dealt = dealByRole(room.map((c) => c.score), role, teams, roles.slots);
  const rosters = dealt.rosters.map((team) => team.map((p) => room[p]));
  return { tickets: rosters.flat(), rosters, roles: dealt.roles.flat().map((r) => roles.names[r]) };
}

