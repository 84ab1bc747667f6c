import { MatchsimError } from '../errors.js';

/** Why players left the system without a room other than giving up: faults on the service path. */
export const LOSS_REASONS = ['disconnected'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

/** Where every player who arrived is, at one instant. */
export interface Accounting {
  readonly arrived: number;
  /** Requests in the message queue, not yet in the pool (counted in players). */
  readonly queued: number;
  /** Players whose requests are in the pool, including those who left but whose requests stayed (no cancel). */
  readonly pool: number;
  /** With acceptance: players in proposed matches, waiting for their answers (out of the pool, in no room). */
  readonly proposed?: number;
  /** Players in rooms. */
  readonly matched: number;
  /** Players who gave up and whose requests the service withdrew. */
  readonly abandoned: number;
  /** Players the service withdrew for another reason, by reason. */
  readonly lost: Readonly<Record<LossReason, number>>;
}

/** Players lost, of every reason. */
const lostPlayers = (accounting: Accounting): number => LOSS_REASONS.reduce((n, r) => n + accounting.lost[r], 0);

/** Arrived players no state accounts for (negative: counted twice): 0 when the books balance. */
function unaccounted(accounting: Accounting): number {
  const { arrived, queued, pool, matched, abandoned } = accounting;
  return arrived - (queued + pool + (accounting.proposed ?? 0) + matched + abandoned + lostPlayers(accounting));
}

/** A player unaccounted for: a bug in the service path or in an algorithm, never a figure to report. */
export class ConservationError extends MatchsimError {
  constructor(
    readonly time: number,
    readonly accounting: Accounting,
  ) {
    const { arrived, queued, pool, matched, abandoned, proposed } = accounting;
    const missing = unaccounted(accounting);
    super(
      'E_CONSERVATION',
      `conservation broken at t=${time}: arrived ${arrived} != queued ${queued} + in pool ${pool}${proposed === undefined ? '' : ` + proposed ${proposed}`} + matched ${matched} + abandoned ${abandoned} + lost ${lostPlayers(accounting)} (${missing > 0 ? `${missing} missing` : `${-missing} too many`})`,
    );
  }
}

/** Throws ConservationError unless arrived = queued + in pool + proposed + matched + abandoned + lost. */
export function checkConservation(time: number, accounting: Accounting): void {
  if (unaccounted(accounting) !== 0) throw new ConservationError(time, accounting);
}
