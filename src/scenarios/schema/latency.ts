import * as z from 'zod';
import { KNOWN_DATA_CENTRES, knownDataCentre, type DataCentre } from '../latency/data-centres.js';
import { weight } from '../fields.js';
import { namedRecord } from '../named-record.js';
import type { AddIssue } from './section-issue.js';

/** The latency section: the data centres rooms can be placed in, and where generated players are and what they ping. */

const latitude = z.number().min(-90, { error: 'lat must be from -90 to 90' }).max(90, { error: 'lat must be from -90 to 90' });
const longitude = z.number().min(-180, { error: 'lon must be from -180 to 180' }).max(180, { error: 'lon must be from -180 to 180' });
const dcName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, { error: 'a data centre name is letters, digits and . _ : - (it names a trace column, latency.<name>)' });

const dataCentre = z
  .union([
    dcName.describe(`A bundled data centre by name: ${KNOWN_DATA_CENTRES.map((dc) => dc.name).join(', ')} (AWS region codes, at the place AWS names).`),
    z.strictObject({ name: dcName, lat: latitude, lon: longitude }).describe('A data centre of your own, at its coordinates in degrees.'),
  ])
  .describe('A data centre rooms can be placed in.');

const milliseconds = (what: string) => z.number().nonnegative({ error: `${what} must be a number >= 0` }).max(10_000, { error: `${what} must be at most 10 000 ms` });

/** A distribution of milliseconds, drawn per player (last mile) or per measurement (jitter). */
const msDistribution = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), value: milliseconds('value (ms)') }),
  z.strictObject({ type: z.literal('exponential'), mean: milliseconds('mean (ms)').positive({ error: 'mean (ms) must be a number > 0' }) }),
  z.strictObject({ type: z.literal('uniform'), min: milliseconds('min (ms)'), max: milliseconds('max (ms)') }),
  z.strictObject({ type: z.literal('lognormal'), mu: z.number().min(-20).max(10), sigma: z.number().nonnegative().max(3) }).describe('exp(mu + sigma Z) ms.'),
]);

/** The defaults of the geography model, and where they come from (docs/scenarios.md, "Latency"). */
export const LATENCY_DEFAULTS = {
  /**
   * A route's length over the great circle: 2.1, the rule of thumb of
   * Internet latency measurements (Bozkurt et al., "Dissecting Latency in
   * the Internet's Fiber Infrastructure", 2018: "multiply line-of-sight
   * distance by 2.1, then divide by the speed of light in fiber").
   */
  routeFactor: 2.1,
  /** The access network's share of a round trip, per player: median 10 ms (e^2.3), a long tail (an assumption to set per game). */
  lastMile: { type: 'lognormal', mu: 2.302585, sigma: 0.5 },
  /** Each measurement's own noise: exponential, mean 2 ms (an assumption to set per game). */
  jitter: { type: 'exponential', mean: 2 },
} as const;

const region = z.strictObject({
  share: weight('share').describe('Relative share of players from this region.'),
  lat: latitude,
  lon: longitude,
  spreadKm: z.number().nonnegative().max(20_000, { error: 'spreadKm must be at most 20 000' }).default(0).describe('How far players scatter around the centre: each axis a normal of this sd, in km.'),
});

const players = z
  .strictObject({
    regions: namedRecord(z.string().min(1).max(64), region).describe('Where generated players are: regions with a share each, a centre and a spread.'),
    routeFactor: z.number().min(1).max(10).default(LATENCY_DEFAULTS.routeFactor).describe('A route over the great-circle distance; default 2.1, the measured rule of thumb (Bozkurt et al. 2018).'),
    lastMile: msDistribution.default(LATENCY_DEFAULTS.lastMile).describe('Milliseconds the access network adds, drawn once per player; default lognormal, median 10 ms.'),
    jitter: msDistribution.default(LATENCY_DEFAULTS.jitter).describe('Milliseconds each measurement adds, drawn per data centre and measurement; default exponential, mean 2 ms.'),
  })
  .describe('The geography of generated players: their round trip to a data centre is the great circle x routeFactor there and back at 2/3 c, plus last mile, plus jitter.');

export const latencySection = z
  .strictObject({
    dataCentres: z.array(dataCentre).min(1).max(50).describe('The data centres, by bundled name or {name, lat, lon}.'),
    players: players.optional(),
  })
  .optional()
  .describe('Data centres and what players ping: generated players from latency.players, a trace from its latency.<dc> columns.');

export type LatencySpec = NonNullable<z.output<typeof latencySection>>;
export type GeographySpec = NonNullable<LatencySpec['players']>;
export type MsDistribution = z.output<typeof msDistribution>;

/** The data centres of a latency section, each at its coordinates (bundled names looked up). */
export function dataCentresOf(spec: LatencySpec): DataCentre[] {
  return spec.dataCentres.map((dc) => (typeof dc === 'string' ? (knownDataCentre(dc) as DataCentre) : dc));
}

/** The names of a scenario's data centres, in order: none without a latency section. */
export function dataCentreNames(spec: LatencySpec | undefined): string[] {
  return spec === undefined ? [] : spec.dataCentres.map((dc) => (typeof dc === 'string' ? dc : dc.name));
}

/** The section's own rules; `generated`: the players are drawn (not read from a file), so they need a geography. */
export function checkLatency(spec: LatencySpec | undefined, generated: boolean, issue: AddIssue): void {
  if (spec === undefined) return;
  const names: string[] = [];
  spec.dataCentres.forEach((dc, i) => {
    const name = typeof dc === 'string' ? dc : dc.name;
    if (typeof dc === 'string' && knownDataCentre(dc) === undefined) {
      issue(['latency', 'dataCentres', i], `"${dc}" is not a bundled data centre (give {"name", "lat", "lon"}, or one of ${KNOWN_DATA_CENTRES.map((k) => k.name).join(', ')})`);
    }
    if (names.includes(name)) issue(['latency', 'dataCentres', i], `"${name}" is named twice`);
    names.push(name);
  });
  if (generated && spec.players === undefined) issue(['latency', 'players'], 'required with generated players: where they are (regions), so that their latencies can be drawn');
  if (!generated && spec.players !== undefined) issue(['latency', 'players'], "not used with recorded players: their latencies are the file's latency.<dc> columns");
  const regions = Object.values(spec.players?.regions ?? {});
  if (spec.players !== undefined && !regions.some((r) => r.share > 0)) issue(['latency', 'players', 'regions'], 'needs a region with a share above 0');
  for (const [field, d] of [['lastMile', spec.players?.lastMile], ['jitter', spec.players?.jitter]] as const) {
    if (d?.type === 'uniform' && d.max < d.min) issue(['latency', 'players', field, 'max'], `must be at least min (${d.min})`);
  }
}
