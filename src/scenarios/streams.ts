/** Random streams by purpose, one table so that no two purposes share a name; adding a stream never shifts the values of another. */
export const STREAMS = {
  arrivals: 'arrivals',
  thinning: 'thinning',
  scores: 'scores',
  patience: 'patience',
  attributes: 'attributes',
  parties: 'parties',
  partyScores: 'party-scores',
  faultDelivery: 'fault-delivery',
  faultDelay: 'fault-delay',
  faultLag: 'fault-lag',
  faultDisconnect: 'fault-disconnect',
  faultDisconnectAfter: 'fault-disconnect-after',
  faultStall: 'fault-stall',
} as const;
