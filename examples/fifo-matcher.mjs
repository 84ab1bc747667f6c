// A matcher module for matchsim: FIFO rooms, the brute-force "first free room" matching the seed's
// lesson notes say score-based matching replaced. The first roomSize players to arrive share a room,
// whatever their scores. Use it from a scenario with
//   "matcher": { "module": "../examples/fifo-matcher.mjs", "options": { "maxRoomsPerRound": 5 } }
//
// A module exports createMatcher(options, context) returning a MatchAlgorithm:
//   roomSize, size, add(request), remove(request), match(now) -> rooms, waiting(),
//   and parties: true if it can hold parties (requests with size > 1 players, never split).
// context holds roomSize, tickSeconds, the scenario's window policy (unused here) and parties.

/**
 * @param {{ maxRoomsPerRound?: number }} options rooms formed per round at most (a rate-limited room server)
 * @param {{ roomSize: number }} context
 */
export function createMatcher(options, context) {
  const maxRooms = options.maxRoomsPerRound ?? Infinity;
  if (!(maxRooms > 0)) throw new Error(`maxRoomsPerRound must be > 0, got ${maxRooms}`);
  const { roomSize } = context;
  let queue = [];
  const players = (request) => request.size ?? 1;
  return {
    roomSize,
    // A party takes as many places as it has players; rooms are filled by players.
    parties: true,
    get size() {
      return queue.length;
    },
    add(request) {
      queue.push(request);
    },
    remove(request) {
      const at = queue.indexOf(request);
      if (at < 0) return false;
      queue.splice(at, 1);
      return true;
    },
    match() {
      const rooms = [];
      while (rooms.length < maxRooms) {
        // First come first served: walk the queue, taking each request that still fits the room.
        const room = [];
        let filled = 0;
        for (const request of queue) {
          if (filled + players(request) > roomSize) continue;
          room.push(request);
          filled += players(request);
          if (filled === roomSize) break;
        }
        if (filled < roomSize) break;
        rooms.push(room);
        queue = queue.filter((request) => !room.includes(request));
      }
      return rooms;
    },
    waiting() {
      return [...queue];
    },
  };
}
