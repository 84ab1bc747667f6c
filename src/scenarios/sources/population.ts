import { VisitSource } from '../../engine/population/visit-source.js';
import { estimateVisits } from '../population.js';
import { checkPopulation, type PopulationSpec } from '../schema/population.js';
import type { SourceKind } from './source-kind.js';

/**
 * A closed population of players who come back: its section is `population`
 * (schema/population.ts), not arrivals, and its visits are made as its
 * players queue, during the run (engine/run/population.ts).
 */
export const population: SourceKind<PopulationSpec> = {
  name: 'population',
  label: 'a population',
  needs: { duration: 'seconds the population plays' },
  provides: { scores: "a population's skills are population.skill" },
  excludes: { attributes: "a population's players carry no attributes yet", faults: 'faults are not simulated with a population yet' },
  check: checkPopulation,
  estimate: (spec, scenario) => estimateVisits(spec, scenario.duration),
  arrivals: () => new VisitSource(),
};
