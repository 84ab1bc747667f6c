import { anchor } from './anchor.js';
import { profiles } from './profiles.js';
import { teamsAlgorithm } from './teams.js';
import { arrivalScan, scoreScan } from './window-scan.js';
import { flexmatch } from './flexmatch.js';

/**
 * The built-in algorithms, in the order the schema and the README list them:
 * the registration, and nothing else. A new variant is its pool (one file in
 * src/engine/pool), its entry (one file here, see algorithm-entry.ts) and
 * one line in this list (docs/architecture.md, "Adding an algorithm").
 */
export const REGISTRY = [scoreScan, arrivalScan, anchor, teamsAlgorithm, profiles, flexmatch] as const;
