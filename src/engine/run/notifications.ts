import { ticketTeams } from '../pool/match.js';
import type { Player } from './run-context.js';
import { joinerTeamsOf } from '../service/match-service.js';
import type { RunModule } from './run-module.js';
import { RoomPlacement } from './placement.js';

/**
 * Notifications: each player's consumer (the game server's stand-in) reads
 * its create_player events as they land, and once it has one from every
 * member of its room it leaves the room group and its connection closes (the
 * game itself is not simulated). A room's members are seated as it forms;
 * those already gone are ghosts, whose events nobody will read.
 */
export const notifications: RunModule = {
  name: 'notifications',
  part: () => ({
    start(run) {
      const { connections, channels, events, kernel, roomSize, roomSizes, hooks } = run;
      /** The players of the room a player is in, or is being seated in (its events may land as the room is created, before it is seated). */
      const playersOfRoom = (player: Player): number => {
        const sizes = roomSizes as NonNullable<typeof roomSizes>;
        const room = connections.room(player);
        return sizes.get(room >= 0 ? room : sizes.length - 1);
      };
      const faulty = run.config.faults !== undefined;
      /** Once matched and notified, the consumer leaves its room group and its connection closes. */
      const leaveRoom = (player: Player): void => {
        if (connections.isSeated(player) && connections.isNotified(player)) {
          channels.groupDiscard(connections.room(player), player);
          channels.unsubscribe(player);
          connections.close(player);
        }
      };
      /** Players who joined a running room and still wait for some of its create_player events: how many they expect (one per player who joined with them). */
      const joinerExpects = new Map<Player, number>();
      const read = (player: Player): void => {
        if (channels.receive(player) === undefined) {
          // Without faults every landing leaves a message; with them it may have expired, or the connection closed.
          if (!faulty) throw new Error(`delivery to player ${player} left no message`);
          return;
        }
        events.messageRead(kernel.now, player);
        const count = connections.read(player);
        const joiner = joinerExpects.size > 0 ? joinerExpects.get(player) : undefined;
        if (joiner !== undefined) {
          if (count !== joiner) return;
          joinerExpects.delete(player);
        } else if (roomSizes === undefined ? count !== roomSize : count !== playersOfRoom(player)) return;
        notify(player);
      };
      const notify = (player: Player): void => {
        connections.setNotified(player);
        events.notified(kernel.now, player);
        hooks.notified?.(player);
        leaveRoom(player);
      };
      const consumer = run.consumer === undefined ? read : run.consumer(read);
      run.connect = () => {
        const player = connections.open();
        channels.subscribe(player, consumer);
        return player;
      };
      const members: Player[] = [];
      const teams: number[] = [];
      const roles: number[] = [];
      const roleIndex = new Map((run.config.roles ?? []).map((name, k) => [name, k]));
      const placement = (run.config.dataCentres?.length ?? 0) > 0 ? new RoomPlacement(run.tally.tickets, roomSize, run.config.matcher.moduleName) : undefined;
      run.roomFormed = (now, room) => {
        members.length = 0;
        for (const request of room.players) {
          if (request.members === undefined) members.push(request.uuid);
          else for (const member of request.members) members.push(member.uuid);
        }
        // A member's team is the roster its request is on: the match says so, rather than a place in the room.
        const rosters = room.rosters;
        if (rosters !== undefined) {
          teams.length = 0;
          const requestTeams = ticketTeams({ tickets: room.players, rosters }) as number[];
          room.players.forEach((request, r) => {
            for (let k = 0; k < (request.members?.length ?? 1); k++) teams.push(requestTeams[r]);
          });
        }
        for (const player of members) if (!connections.isOpen(player)) throw new Error(`room ${room.name}: player ${player} has no connection`);
        run.counts.matched += members.length;
        if (placement !== undefined) events.roomPlaced(room.name, placement.dataCentreOf(room.dataCentre, members));
        if (room.expansionSteps !== undefined) events.roomExpanded(room.name, room.expansionSteps);
        if (room.roles !== undefined) {
          // A request's role is each of its players'.
          roles.length = 0;
          room.players.forEach((request, r) => {
            const role = roleIndex.get(room.roles?.[r] ?? '') ?? -1;
            for (let k = 0; k < (request.members?.length ?? 1); k++) roles.push(role);
          });
          events.roomRoles(room.name, roles);
        }
        events.roomFormed(now, room.name, members, rosters === undefined ? undefined : teams);
        for (const player of members) seat(player, room.name);
        hooks.roomFormed?.(now, room.name, members, rosters === undefined ? undefined : teams);
      };
      /** A member's room recorded; one who has gone reads nothing more, the others leave the group once notified. */
      const seat = (player: Player, room: number): void => {
        connections.setRoom(player, room);
        connections.setSeated(player);
        if (connections.isGone(player)) {
          channels.groupDiscard(room, player);
          events.messagesLost(channels.unsubscribe(player));
          connections.close(player);
        } else {
          leaveRoom(player);
        }
      };
      run.roomJoined = (now, joined) => {
        const players: Player[] = [];
        // A party joins whole (a FlexMatch fill may bring one): each of its players joins.
        for (const request of joined.players) {
          if (request.members === undefined) players.push(request.uuid);
          else for (const member of request.members) players.push(member.uuid);
        }
        for (const player of players) if (!connections.isOpen(player)) throw new Error(`room ${joined.name}: player ${player} has no connection`);
        run.counts.matched += players.length;
        hooks.roomJoined?.(now, joined.name, players, joined);
        if (joined.roles !== undefined) events.roomRoles(joined.name, joined.roles.map((r) => roleIndex.get(r ?? '') ?? -1));
        events.roomJoined(now, joined.name, players, run.joinerTeams?.(joined.name, players) ?? joinerTeamsOf(joined));
        for (const player of players) {
          // Its events landed as it joined: one per player who joined with it. Already all read, it is notified now; otherwise when the last lands.
          if (connections.isNotified(player)) {
            // Already counted as a room's worth (every seat was empty and all of them joined).
          } else if (connections.readSoFar(player) === players.length) notify(player);
          else joinerExpects.set(player, players.length);
          seat(player, joined.name);
        }
      };
    },
  }),
};
