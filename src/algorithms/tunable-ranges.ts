import { LIMITS } from '../scenarios/fields.js';
import type { TunableParameter } from './algorithm-entry.js';

/**
 * A setting's search range around the value the scenario gives it, from
 * value / factor to value x factor on a log scale: scores (and so windows)
 * come in every unit, so a range in absolute points would fit one scenario
 * only. A value of 0 (or none) is searched over `fallback`.
 */
export function aroundValue(path: string, value: number, factor: number, fallback: { readonly low: number; readonly high: number }, max: number = LIMITS.window): TunableParameter {
  if (!(value > 0)) return { path, low: fallback.low, high: Math.min(max, fallback.high), scale: 'log' };
  return { path, low: value / factor, high: Math.min(max, value * factor), scale: 'log' };
}
