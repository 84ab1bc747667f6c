import { poisson } from './poisson.js';
import { profile } from './profile.js';
import { trace } from './trace.js';
import { openmatch } from './openmatch.js';
import { flexmatch } from './flexmatch.js';
import { nakama } from './nakama.js';

/**
 * The kinds of arrivals, by arrivals.type, in the order the JSON Schema
 * lists them: the registration, and nothing else. A new kind is one file
 * and one entry here (see docs/architecture.md, "Adding a source kind").
 */
export const ARRIVAL_KINDS = [poisson, profile, trace, openmatch, flexmatch, nakama] as const;
