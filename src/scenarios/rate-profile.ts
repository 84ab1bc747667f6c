/** An arrival rate (per second) as a function of time, and an upper bound for thinning. */
export interface RateFunction {
  readonly at: (t: number) => number;
  readonly max: number;
}

type Bursts = ReadonlyArray<{ readonly start: number; readonly end: number; readonly rate: number }>;

/** The settings of a generated kind's arrivals (sources/poisson.ts, sources/profile.ts). */
export type RateSpec =
  | { readonly type: 'poisson'; readonly rate: number; readonly bursts?: Bursts }
  | { readonly type: 'profile'; readonly points: ReadonlyArray<readonly [number, number]>; readonly period?: number; readonly bursts?: Bursts };

/**
 * The rate of generated arrivals at time t: the constant rate or the profile
 * (linear between points, flat before the first and after the last, repeated
 * every `period` if given), plus every burst whose [start, end) holds t.
 */
export function rateFunction(spec: RateSpec): RateFunction {
  const bursts = spec.bursts ?? [];
  const base = spec.type === 'poisson' ? constant(spec.rate) : profile(spec.points, spec.period);
  let burstMax = 0;
  for (const b of bursts) burstMax += b.rate;
  return {
    at: (t) => {
      let rate = base.at(t);
      for (const b of bursts) if (t >= b.start && t < b.end) rate += b.rate;
      return rate;
    },
    max: base.max + burstMax,
  };
}

function constant(rate: number): RateFunction {
  return { at: () => rate, max: rate };
}

function profile(points: ReadonlyArray<readonly [number, number]>, period: number | undefined): RateFunction {
  const times = points.map(([t]) => t);
  const rates = points.map(([, r]) => r);
  const last = points.length - 1;
  const at = (time: number): number => {
    const t = period === undefined ? time : time % period;
    if (t <= times[0]) return rates[0];
    if (t >= times[last]) return rates[last];
    // Binary search for the segment [times[i], times[i + 1]) that holds t.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= t) lo = mid;
      else hi = mid;
    }
    const f = (t - times[lo]) / (times[lo + 1] - times[lo]);
    return rates[lo] + f * (rates[lo + 1] - rates[lo]);
  };
  return { at, max: Math.max(...rates) };
}
