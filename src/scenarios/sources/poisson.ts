import * as z from 'zod';
import { poissonArrivals, thinnedArrivals } from '../arrivals.js';
import { positive } from '../fields.js';
import { rateFunction } from '../rate-profile.js';
import { STREAMS } from '../streams.js';
import { bursts, checkBursts, GENERATED_NEEDS, generatedArrivals, generatedAttributes, generatedEstimate } from './generated.js';
import { arrivalKind } from './source-kind.js';

/** A Poisson stream of requests at a constant rate, plus any bursts. */
export const poisson = arrivalKind({
  name: 'poisson',
  label: 'poisson arrivals',
  schema: z
    .strictObject({
      type: z.literal('poisson'),
      rate: positive('rate (arrivals per second)').describe('Arrivals per second.'),
      bursts,
    })
    .describe('A Poisson process: exponential gaps at a constant rate (plus any bursts).'),
  needs: GENERATED_NEEDS,
  provides: {},
  excludes: {},
  check: checkBursts,
  estimate: (spec, scenario) => generatedEstimate(rateFunction(spec), scenario),
  attributes: generatedAttributes,
  arrivals: (spec, scenario, data) =>
    generatedArrivals(scenario, data, (gaps, random, score, attributes) =>
      (spec.bursts ?? []).length === 0
        ? poissonArrivals(spec.rate, scenario.duration, gaps, score, attributes)
        : thinnedArrivals(rateFunction(spec), scenario.duration, gaps, random.stream(STREAMS.thinning), score, attributes),
    ),
});
