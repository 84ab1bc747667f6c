import type { Attributes } from '../pool/filters.js';
import type { Candidate } from '../pool/match-algorithm.js';

/** An add_player call as the thrift interface of seed 000 carries it. */
export interface PlayerRequest extends Candidate {
  readonly score: number;
  readonly uuid: string;
  readonly username: string;
  readonly photo: string;
  readonly channelName: string;
  /** Search fields for pool filters (Open Match); the seed's add_player has none. */
  readonly attributes?: Attributes;
}
