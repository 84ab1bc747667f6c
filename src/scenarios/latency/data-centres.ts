/**
 * Well-known cloud regions a scenario may name in latency.dataCentres. The
 * names are AWS's region codes, which GameLift (and FlexMatch's latency
 * rules) use; each region is where AWS says it is ("Regions and
 * Availability Zones" in the AWS documentation: US East (N. Virginia),
 * Europe (Frankfurt), ...), and its coordinates are those of that place, to
 * the city: AWS does not publish where its buildings are, and a few tens of
 * km change a round trip by well under a millisecond.
 */
export interface DataCentre {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

export const KNOWN_DATA_CENTRES: readonly (DataCentre & { readonly place: string })[] = [
  { name: 'us-east-1', place: 'N. Virginia (Ashburn)', lat: 39.04, lon: -77.49 },
  { name: 'us-east-2', place: 'Ohio (Columbus)', lat: 39.96, lon: -83.0 },
  { name: 'us-west-1', place: 'N. California (San Jose)', lat: 37.34, lon: -121.89 },
  { name: 'us-west-2', place: 'Oregon (Boardman)', lat: 45.84, lon: -119.7 },
  { name: 'ca-central-1', place: 'Canada (Montreal)', lat: 45.5, lon: -73.57 },
  { name: 'sa-east-1', place: 'South America (São Paulo)', lat: -23.55, lon: -46.63 },
  { name: 'eu-west-1', place: 'Europe (Dublin, Ireland)', lat: 53.35, lon: -6.26 },
  { name: 'eu-west-2', place: 'Europe (London)', lat: 51.51, lon: -0.13 },
  { name: 'eu-central-1', place: 'Europe (Frankfurt)', lat: 50.11, lon: 8.68 },
  { name: 'eu-north-1', place: 'Europe (Stockholm)', lat: 59.33, lon: 18.07 },
  { name: 'ap-south-1', place: 'Asia Pacific (Mumbai)', lat: 19.08, lon: 72.88 },
  { name: 'ap-southeast-1', place: 'Asia Pacific (Singapore)', lat: 1.35, lon: 103.82 },
  { name: 'ap-southeast-2', place: 'Asia Pacific (Sydney)', lat: -33.87, lon: 151.21 },
  { name: 'ap-northeast-1', place: 'Asia Pacific (Tokyo)', lat: 35.68, lon: 139.69 },
  { name: 'ap-northeast-2', place: 'Asia Pacific (Seoul)', lat: 37.57, lon: 126.98 },
  { name: 'af-south-1', place: 'Africa (Cape Town)', lat: -33.92, lon: 18.42 },
  { name: 'me-south-1', place: 'Middle East (Bahrain)', lat: 26.07, lon: 50.56 },
];

/** A bundled data centre by name, or undefined (a Map: the name comes from a user's file). */
const BY_NAME = new Map(KNOWN_DATA_CENTRES.map((dc) => [dc.name, dc]));

export function knownDataCentre(name: string): DataCentre | undefined {
  return BY_NAME.get(name);
}
