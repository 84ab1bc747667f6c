/*
 * Distances on the Earth and what light in fibre makes of them. Plain
 * functions of numbers: the latency model (geography.ts) is built on them.
 */

/** The Earth's mean radius in km (IUGG: R1 = 6371.0088 km). */
export const EARTH_RADIUS_KM = 6371.0088;

/** Light in optical fibre: about 2/3 of c (refractive index near 1.5), in km per millisecond: 299 792.458 km/s x 2/3 / 1000. */
export const FIBRE_KM_PER_MS = (299_792.458 * 2) / 3 / 1000;

const radians = (degrees: number) => (degrees * Math.PI) / 180;
const degrees = (rad: number) => (rad * 180) / Math.PI;

/** The great-circle distance in km between two points given in degrees (haversine, well conditioned at small distances). */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = radians(lat1);
  const phi2 = radians(lat2);
  const dPhi = phi2 - phi1;
  const dLambda = radians(lon2 - lon1);
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `km` along the great circle from (lat, lon) at `bearing` degrees from north, in degrees (longitude in [-180, 180)). */
export function destination(lat: number, lon: number, bearing: number, km: number): { readonly lat: number; readonly lon: number } {
  const phi1 = radians(lat);
  const lambda1 = radians(lon);
  const theta = radians(bearing);
  const delta = km / EARTH_RADIUS_KM;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2);
  return { lat: degrees(phi2), lon: ((((degrees(lambda2) + 180) % 360) + 360) % 360) - 180 };
}

/** The round trip, in ms, of a fibre route `routeFactor` times as long as the great circle of `km`: there and back at FIBRE_KM_PER_MS. */
export function fibreRoundTripMs(km: number, routeFactor: number): number {
  return (2 * km * routeFactor) / FIBRE_KM_PER_MS;
}
