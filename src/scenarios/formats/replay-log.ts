import type { CopiesSpec, TicketRow } from './copies.js';
import { before, secondsBetween, windowEnd, type Instant } from './rfc3339.js';

/** What every log reader takes besides its fields: the window of the log, its speed, its copies, and what a bad line does. */
export interface LogReplay {
  /** Only tickets that entered the queue at or after `from`, and before `to` (RFC 3339); time 0 is `from`, or the first ticket's. */
  readonly from?: string;
  readonly to?: string;
  /** Arrivals `speed` times as dense (times divided by it). */
  readonly speed: number;
  /** Copies of each ticket (copies.ts). */
  readonly scale?: CopiesSpec;
  /** A bad line is an error (default), or skipped and counted. */
  readonly onBadLine?: 'error' | 'skip';
  /** Columns named for the log's fields: column -> field (log-fields.ts, FieldNames). */
  readonly fields?: Readonly<Record<string, string>>;
}

/** A replay's window of the log, read from its settings (errors name `file`): its ends, whether it has any, and whether an instant is inside it. */
export interface LogWindow {
  readonly from?: Instant;
  readonly to?: Instant;
  /** from or to is set: a log with nothing inside says "between arrivals.from and arrivals.to". */
  readonly bounded: boolean;
  /** At or after from, and before to. */
  contains(at: Instant): boolean;
}

export function logWindow(file: string, replay: LogReplay): LogWindow {
  const from = windowEnd(file, 'arrivals.from', replay.from);
  const to = windowEnd(file, 'arrivals.to', replay.to);
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    bounded: from !== undefined || to !== undefined,
    contains: (at) => (from === undefined || !before(at, from)) && (to === undefined || before(at, to)),
  };
}

/** The numbers a log that saw its tickets' ends records of each (players.csv observed_<name>), in this order. */
export const OBSERVED_ENDS = ['wait', 'waitBeforeLeaving'] as const;

/** What production saw of a ticket: when it entered the queue, and when it was matched or left (undefined: not seen). */
export interface TicketEnd {
  readonly start: Instant;
  readonly matched?: Instant;
  readonly left?: Instant;
}

/**
 * The observed wait (until matched) and wait before leaving (until it left,
 * unmatched) of each trace row, in the log's own seconds: a replay at another
 * speed compares against production's clock. A copy was never observed; a
 * party's players all waited as its ticket did.
 */
export function observedEnds(rows: readonly TicketRow[], players: number, endOf: (ticket: number) => TicketEnd): Array<{ readonly name: string; readonly values: Float64Array }> {
  const wait = new Float64Array(players);
  const left = new Float64Array(players);
  let i = 0;
  for (const row of rows) {
    const end = row.copy ? undefined : endOf(row.ticket);
    const w = end?.matched === undefined ? NaN : secondsBetween(end.start, end.matched);
    const l = end === undefined || end.matched !== undefined || end.left === undefined ? NaN : secondsBetween(end.start, end.left);
    for (let k = 0; k < row.players.length; k++, i++) {
      wait[i] = w;
      left[i] = l;
    }
  }
  return [
    { name: OBSERVED_ENDS[0], values: wait },
    { name: OBSERVED_ENDS[1], values: left },
  ];
}
