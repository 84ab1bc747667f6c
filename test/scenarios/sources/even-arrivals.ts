import * as z from 'zod';
import { positive } from '../../../src/scenarios/fields.js';
import { generatedArrivals, generatedEstimate } from '../../../src/scenarios/sources/generated.js';
import { arrivalKind } from '../../../src/scenarios/sources/source-kind.js';

/**
 * A source kind written as a new one would be (docs/architecture.md,
 * "Adding a source kind"): requests evenly spaced, `rate` a second, from 0,
 * each recording its turn (as a replayed log records what production
 * observed). Its registration is the one line add-a-source-kind.test.ts adds.
 */
export const even = arrivalKind({
  name: 'even',
  label: 'even arrivals',
  schema: z
    .strictObject({ type: z.literal('even'), rate: positive('rate (arrivals per second)').max(1000, { error: 'rate must be at most 1000' }) })
    .describe('Requests evenly spaced in time, rate a second.'),
  needs: { duration: '', scores: '' },
  provides: {},
  excludes: {},
  check: (spec, issue) => {
    if (!Number.isInteger(spec.rate)) issue(['arrivals', 'rate'], 'must be a whole number of arrivals a second');
  },
  recordedColumns: () => ['turn'],
  estimate: (spec, scenario) => generatedEstimate({ at: () => spec.rate, max: spec.rate }, scenario),
  arrivals: (spec, scenario, data) =>
    generatedArrivals(scenario, data, (_gaps, _random, score, attributes) => {
      let i = 0;
      const recorded = [0];
      return {
        ids: { kind: 'sequence', prefix: 'p' },
        next(slot) {
          const time = i / spec.rate;
          if (time >= scenario.duration) return false;
          recorded[0] = i;
          slot.recorded = recorded;
          i++;
          slot.time = time;
          slot.score = score();
          if (attributes) slot.attributes = attributes();
          return true;
        },
      };
    }),
});
