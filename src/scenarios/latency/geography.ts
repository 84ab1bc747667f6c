import { weightedPicker, type RandomStreams, type Uniform } from '../../engine/rng.js';
import { patienceSampler } from '../patience.js';
import type { GeographySpec } from '../schema/latency.js';
import { STREAMS } from '../streams.js';
import type { DataCentre } from './data-centres.js';
import { destination, fibreRoundTripMs, greatCircleKm } from './geo.js';

/** Where a player is: its region (by index in the spec's order) and its coordinates. */
export interface PlayerPlace {
  readonly region: number;
  readonly lat: number;
  readonly lon: number;
}

/**
 * The geography model of generated players. A player is drawn from a region
 * by share, and placed around its centre: a bearing uniform in [0, 360) and
 * a distance with the Rayleigh law of sd spreadKm (the radius of a normal of
 * that sd on each axis), along the great circle. Its round trip to a data
 * centre is the great-circle distance times the route factor, there and
 * back at 2/3 c, plus its last mile (drawn once per player), plus jitter
 * (drawn per measurement). Each draw has its own stream.
 */
export class Geography {
  private readonly regions: ReadonlyArray<{ readonly lat: number; readonly lon: number; readonly spreadKm: number }>;
  private readonly region: () => number;
  private readonly place: Uniform;
  private readonly routeFactor: number;
  private readonly lastMile: () => number;
  private readonly jitter: () => number;

  constructor(
    spec: GeographySpec,
    private readonly dataCentres: readonly DataCentre[],
    random: RandomStreams,
  ) {
    // Object.values of a validated record: the order the scenario lists its regions in.
    const regions = Object.values(spec.regions);
    this.regions = regions;
    this.region = weightedPicker(regions.map((r) => r.share), random.stream(STREAMS.latencyRegion));
    this.place = random.stream(STREAMS.latencyPlace);
    this.lastMile = patienceSampler(spec.lastMile, random.stream(STREAMS.latencyLastMile));
    this.jitter = patienceSampler(spec.jitter, random.stream(STREAMS.latencyJitter));
    this.routeFactor = spec.routeFactor;
  }

  get dataCentreCount(): number {
    return this.dataCentres.length;
  }

  /** A new player's place: in a region drawn by the regions' shares, or in `region`. */
  drawPlace(region?: number): PlayerPlace {
    const r = region ?? this.region();
    const centre = this.regions[r];
    const bearing = 360 * this.place();
    const km = centre.spreadKm * Math.sqrt(-2 * Math.log(1 - this.place()));
    const { lat, lon } = km === 0 ? centre : destination(centre.lat, centre.lon, bearing, km);
    return { region: r, lat, lon };
  }

  /** A player's round trips without jitter: fibre to each data centre plus its last mile (drawn here, once). */
  baseRoundTrips(place: PlayerPlace): Float64Array {
    const lastMile = this.lastMile();
    const dataCentres = this.dataCentres;
    // A loop rather than Float64Array.from with a mapping function: this runs once per player.
    const base = new Float64Array(dataCentres.length);
    for (let i = 0; i < base.length; i++) base[i] = fibreRoundTripMs(greatCircleKm(place.lat, place.lon, dataCentres[i].lat, dataCentres[i].lon), this.routeFactor) + lastMile;
    return base;
  }

  /** One measurement of each round trip: the base plus jitter, into `out`. */
  measure(base: Float64Array, out: Float64Array): Float64Array {
    for (let dc = 0; dc < base.length; dc++) out[dc] = base[dc] + this.jitter();
    return out;
  }
}

/**
 * A population's players where they are: each placed once, at the start, in
 * player order (its base round trips kept for every session), and measured
 * afresh, jitter and all, at each visit.
 */
export function placedPlayers(geography: Geography, players: number): (player: number, out: Float64Array) => Float64Array {
  const k = geography.dataCentreCount;
  const bases = new Float64Array(players * k);
  for (let p = 0; p < players; p++) bases.set(geography.baseRoundTrips(geography.drawPlace()), p * k);
  return (player, out) => geography.measure(bases.subarray(player * k, (player + 1) * k), out);
}
