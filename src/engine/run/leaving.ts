import type { LeaveReason, Player, RunContext } from './run-context.js';

/**
 * Leaving, on the ticket's state: a ticket's request goes, its players the
 * ticket's party as the ticket table holds it (or the ticket alone). A
 * request still waiting is withdrawn when the run cancels for the reason;
 * players already matched stay matched, unless their connection closes (a
 * disconnect) before they were notified: then the events still on their way
 * are lost.
 */
export function withdrawal(run: RunContext): RunContext['withdraw'] {
  const { connections, channels, events, counts, faultCounters, kernel, hooks, cancels } = run;
  const tickets = run.tally.tickets;
  const open: Player[] = [];
  return (ticket: Player, why: LeaveReason): void => {
    const leader = tickets.partyLeader(ticket);
    const size = tickets.partySize(leader);
    const cancel = cancels[why];
    open.length = 0;
    for (let player = leader; player < leader + size; player++) if (connections.isOpen(player)) open.push(player);
    if (why === 'rejected') return ended(leader, size);
    if (open.length === 0) return; // notified and gone, or withdrawn
    if (connections.room(open[0]) >= 0) {
      if (why !== 'disconnect') return; // matched in time
      for (const player of open) {
        if (connections.isNotified(player)) continue;
        connections.setGone(player);
        faultCounters.disconnected++;
        events.messagesLost(channels.unsubscribe(player));
        connections.close(player);
      }
      return;
    }
    const withdrawn = cancel && run.service.handler.cancelPlayer(leader);
    // A player whose session ends while it waits leaves as one who gives up does; one the service times out gave up nothing.
    const gaveUp = why === 'patience' || why === 'session';
    if (withdrawn && why !== 'disconnect') counts.abandoned += size;
    if (withdrawn && why === 'disconnect') counts.lost.disconnected += size;
    for (const player of open) {
      if (connections.isGone(player)) continue;
      connections.setGone(player);
      if (why === 'disconnect') faultCounters.disconnected++;
      channels.unsubscribe(player);
      events.left(kernel.now, player, withdrawn, gaveUp);
      if (withdrawn) connections.close(player);
    }
    hooks.left?.(leader, withdrawn, size);
  };

  /** A ticket the service has ended (a failed proposal's): its request is gone whether or not its players were still there, and the players still there leave now. */
  function ended(leader: Player, size: number): void {
    counts.abandoned += size;
    for (const player of open) {
      if (!connections.isGone(player)) {
        connections.setGone(player);
        channels.unsubscribe(player);
        events.left(kernel.now, player, true, false);
      }
      connections.close(player);
    }
    hooks.left?.(leader, true, size);
  }
}
