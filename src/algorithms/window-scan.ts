import { WindowScanPool } from '../engine/pool/window-scan-pool.js';
import { defineAlgorithm, type AlgorithmTraits } from './algorithm-entry.js';

// Both scan roomSize consecutive requests pairwise: they group requests, not players, so parties cannot fit.
const traits: AlgorithmTraits = { parties: false, teams: false, services: ['rounds'], oneWindow: true, clocks: ['rounds', 'seconds'] };

export const scoreScan = defineAlgorithm({
  name: 'score-scan',
  description: 'the pool sorted by score: roomSize consecutive requests whose scores lie within each other\'s window form a room (the reference server as it was meant to work; once named seed)',
  traits,
  create: (_settings, context) => new WindowScanPool({ ...context, order: 'score' }),
});

export const arrivalScan = defineAlgorithm({
  name: 'arrival-scan',
  description: 'as score-scan, scanning the pool in arrival order, as the reference server\'s published code runs (its sort is a typo; once named seed-legacy)',
  traits,
  create: (_settings, context) => new WindowScanPool({ ...context, order: 'arrival' }),
});
