import { WindowScanPool } from '../engine/pool/window-scan-pool.js';
import { defineAlgorithm, type AlgorithmTraits } from './algorithm-entry.js';

// Both scan roomSize consecutive requests pairwise: they group requests, not players, so parties cannot fit.
const traits: AlgorithmTraits = { parties: false, teams: false, services: ['rounds'], oneWindow: true };

export const seed = defineAlgorithm({
  name: 'seed',
  description: 'the pool sorted by score, as the seed intends: roomSize consecutive requests whose scores lie within each other\'s window form a room',
  fields: {},
  traits,
  create: (_settings, context) => new WindowScanPool({ ...context, order: 'score' }),
});

export const seedLegacy = defineAlgorithm({
  name: 'seed-legacy',
  description: 'as seed, scanning the pool in arrival order, as the published code runs (its sort is a typo)',
  fields: {},
  traits,
  create: (_settings, context) => new WindowScanPool({ ...context, order: 'arrival' }),
});
