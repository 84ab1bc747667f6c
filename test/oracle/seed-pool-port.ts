/**
 * A literal port of the seed's Python Pool (seed 000), kept deliberately naive:
 * it re-sorts and rescans from the start after every room, exactly as the
 * seed does. It is the oracle the real pool is compared against.
 */
export interface OraclePlayer {
  score: number;
  uuid: string;
  waiting_time: number;
}

export interface OracleRoom {
  tick: number;
  uuids: string[];
}

export class SeedPoolPort {
  players: OraclePlayer[] = [];

  constructor(
    private readonly roomSize: number,
    private readonly growth: number,
    private readonly tickSeconds: number,
    /** true: the published code, whose sorted() result goes to a misspelt field. */
    private readonly legacy: boolean,
  ) {}

  add_player(player: OraclePlayer): void {
    this.players.push(player);
  }

  check_match(a: OraclePlayer, b: OraclePlayer): boolean {
    const dt = Math.abs(a.score - b.score);
    const a_max_dif = a.waiting_time * this.tickSeconds * this.growth;
    const b_max_dif = b.waiting_time * this.tickSeconds * this.growth;
    return dt <= a_max_dif && dt <= b_max_dif;
  }

  match(tick: number, rooms: OracleRoom[]): void {
    const n = this.roomSize;
    while (this.players.length >= n) {
      const sorted = [...this.players].sort((p, q) => p.score - q.score);
      if (!this.legacy) this.players = sorted;
      let flag = false;
      for (let i = 0; i < this.players.length - (n - 1); i++) {
        const group = this.players.slice(i, i + n);
        let ok = true;
        for (let x = 0; x < n && ok; x++) {
          for (let y = x + 1; y < n && ok; y++) ok = this.check_match(group[x], group[y]);
        }
        if (ok) {
          rooms.push({ tick, uuids: group.map((p) => p.uuid) });
          this.players = [...this.players.slice(0, i), ...this.players.slice(i + n)];
          flag = true;
          break;
        }
      }
      if (!flag) break;
    }
    for (const player of this.players) player.waiting_time += 1;
  }
}

export interface TraceRow {
  time: number;
  id: string;
  score: number;
}

/** Runs the seed's worker loop over a trace: each tick, queue -> pool, then match(). */
export function runOracle(
  trace: readonly TraceRow[],
  options: { roomSize: number; growth: number; tickSeconds: number; legacy: boolean; ticks: number },
): OracleRoom[] {
  const pool = new SeedPoolPort(options.roomSize, options.growth, options.tickSeconds, options.legacy);
  const rooms: OracleRoom[] = [];
  let next = 0;
  for (let k = 0; k < options.ticks; k++) {
    const t = k * options.tickSeconds;
    while (next < trace.length && trace[next].time <= t) {
      const row = trace[next++];
      pool.add_player({ score: row.score, uuid: row.id, waiting_time: 0 });
    }
    pool.match(t, rooms);
  }
  return rooms;
}
