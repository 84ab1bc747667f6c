/** Where a player of a population is: exactly one, always (checked every tick against the service's own queue and pool). */
export const STATES = ['offline', 'queued', 'pool', 'match', 'gone'] as const;
export type PlayerState = (typeof STATES)[number];
