// A matcher module for matchsim: FIFO rooms, the brute-force "first free room" matching the seed's
// lesson notes say score-based matching replaced. The first roomSize players to arrive share a room,
// whatever their scores. Use it from a scenario with
//   "matcher": { "module": "../examples/fifo-matcher.mjs", "options": { "maxRoomsPerRound": 5 } }
//
// A module exports createMatcher(options, context) returning a MatchAlgorithm:
//   roomSize, size, add(request), remove(request), match(now) -> rooms, waiting().
// context holds roomSize, tickSeconds and the scenario's window policy (unused here).

/**
 * @param {{ maxRoomsPerRound?: number }} options rooms formed per round at most (a rate-limited room server)
 * @param {{ roomSize: number }} context
 */
export function createMatcher(options, context) {
  const maxRooms = options.maxRoomsPerRound ?? Infinity;
  if (!(maxRooms > 0)) throw new Error(`maxRoomsPerRound must be > 0, got ${maxRooms}`);
  const { roomSize } = context;
  let queue = [];
  return {
    roomSize,
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
      while (queue.length >= roomSize && rooms.length < maxRooms) rooms.push(queue.slice(0, roomSize)), (queue = queue.slice(roomSize));
      return rooms;
    },
    waiting() {
      return [...queue];
    },
  };
}
