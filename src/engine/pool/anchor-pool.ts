import type { PoolClock } from './clock.js';
import type { Candidate, MatchAlgorithm, RoomCondition, SingleRequestMatching } from './match-algorithm.js';
import { olderThan, ScoreOrderedPool } from './score-ordered-requests.js';
import { dealTeams, packable, type TeamBalance, type TeamShape } from './teams.js';
import type { Match, MatchForming, SingleMatchForming } from './match.js';
import type { WindowPolicy } from './window.js';
import { dealByRole, RoleFill } from './roles.js';

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
export class AnchorPool<T extends Candidate> extends ScoreOrderedPool<T> implements MatchAlgorithm<T>, SingleRequestMatching<T>, MatchForming<T>, SingleMatchForming<T> {
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

  /** One round's matches: with teams, each with its rosters as dealt. */
  matches(now: number): Match<T>[] {
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
    const n = entries.length;
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
    let left = anchor - 1;
    let right = anchor + 1;
    while (players < this.roomSize) {
      while (left >= 0 && taken[left]) left--;
      while (right < n && taken[right]) right++;
      const dl = left >= 0 ? score - entries[left].candidate.score : Infinity;
      const dr = right < n ? entries[right].candidate.score - score : Infinity;
      if (Math.min(dl, dr) > reach) break;
      const next = dl < dr || (dl === dr && olderThan(entries[left], entries[right])) ? left-- : right++;
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

/** A full room of role queues as its match: each member's role (one it queues for), and with teams the rosters dealt by role. */
function castRoles<T extends Candidate>(room: readonly T[], role: readonly number[], roles: NonNullable<AnchorOptions<T>['roles']>, teams: number | undefined): Match<T> {
  if (teams === undefined) return { tickets: room, roles: role.map((r) => roles.names[r]) };
  const dealt = dealByRole(room.map((c) => c.score), role, teams, roles.slots);
  const rosters = dealt.rosters.map((team) => team.map((p) => room[p]));
  return { tickets: rosters.flat(), rosters, roles: dealt.roles.flat().map((r) => roles.names[r]) };
}

