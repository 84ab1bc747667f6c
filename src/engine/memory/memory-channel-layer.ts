import type { ChannelLayer, Clock } from '../ports.js';
import { ExpirySchedule, type Deadline } from './expiry-schedule.js';

export interface MemoryChannelLayerOptions {
  readonly clock: Clock;
  /**
   * Seconds a group lives after its last group_add; channels_redis defaults
   * to 86400. Groups are dropped lazily, as channels_redis does.
   */
  readonly groupExpiry?: number;
  /** Messages an inbox holds; one sent to a full inbox is dropped, as channels_redis's group_send does. Default: unbounded. */
  readonly capacity?: number;
  /** Seconds a message may wait unread; older ones are discarded on receive, as channels_redis's expiry does. Default: forever. */
  readonly expiry?: number;
  /**
   * The transport between group_send and an inbox: called once per channel
   * with the delivery to make; it may make it now, later, or never (a fault).
   * Which channel it is does not matter to the faults simulated.
   * Default: at once.
   */
  readonly transport?: (deliver: () => void) => void;
}

interface Group<G, C> {
  readonly channels: C[];
  /** When the group expires: groupExpiry after its last group_add. */
  expiresAt: number;
  /** The scheduled check; at most one per group, moved on lazily when the group was refreshed. */
  deadline: Deadline<G>;
}

/** A channel's inbox (with when each message landed, only when messages expire), and the consumer woken when one lands. */
interface Inbox<M, C> {
  readonly messages: M[];
  readonly landed: number[] | undefined;
  readonly listener: ((channel: C) => void) | undefined;
}

/**
 * Groups of channels and per-channel inboxes, like the chat service of seed 003.
 * A consumer may subscribe to its channel, as a Channels consumer awaits
 * receive(): it is called after each message lands, and its inbox lives until
 * it unsubscribes. Messages to a channel nobody subscribed wait in an inbox
 * of their own until received.
 */
export class MemoryChannelLayer<M, G = string, C = string> implements ChannelLayer<M, G, C> {
  private readonly groups = new Map<G, Group<G, C>>();
  private readonly inboxes = new Map<C, Inbox<M, C>>();
  private readonly expiries = new ExpirySchedule<G>();
  private readonly clock: Clock;
  private readonly groupExpiry: number;
  private readonly capacity: number;
  private readonly expiry: number;
  private readonly transport: ((deliver: () => void) => void) | undefined;
  /** Messages placed in an inbox so far. */
  delivered = 0;
  /** Messages dropped because the inbox was full. */
  overCapacity = 0;
  /** Messages discarded unread because they had waited longer than the expiry. */
  expired = 0;

  constructor(options: MemoryChannelLayerOptions) {
    this.clock = options.clock;
    this.groupExpiry = options.groupExpiry ?? 86400;
    this.capacity = options.capacity ?? Infinity;
    this.expiry = options.expiry ?? Infinity;
    this.transport = options.transport;
  }

  /** Live groups. */
  get groupCount(): number {
    this.purge();
    return this.groups.size;
  }

  /**
   * Calls `listener(channel)` after each message that lands in `channel`'s
   * inbox, until unsubscribed. One listener may serve every channel.
   */
  subscribe(channel: C, listener: (channel: C) => void): void {
    const inbox = this.inboxes.get(channel);
    this.inboxes.set(channel, { messages: inbox?.messages ?? [], landed: inbox?.landed ?? this.newLanded(), listener });
  }

  private newLanded(): number[] | undefined {
    return this.expiry === Infinity ? undefined : [];
  }

  /** Stops listening and drops the channel's inbox; returns how many unread messages were dropped with it. */
  unsubscribe(channel: C): number {
    const unread = this.inboxes.get(channel)?.messages.length ?? 0;
    this.inboxes.delete(channel);
    return unread;
  }

  groupAdd(group: G, channel: C): void {
    this.purge();
    const expiresAt = this.clock() + this.groupExpiry;
    const entry = this.groups.get(group);
    if (entry === undefined) {
      this.groups.set(group, { channels: [channel], expiresAt, deadline: this.expiries.add(group, expiresAt) });
      return;
    }
    entry.expiresAt = expiresAt;
    if (!entry.channels.includes(channel)) entry.channels.push(channel);
  }

  groupDiscard(group: G, channel: C): void {
    const entry = this.groups.get(group);
    if (entry === undefined) return;
    const at = entry.channels.indexOf(channel);
    if (at >= 0) entry.channels.splice(at, 1);
    if (entry.channels.length === 0) {
      this.expiries.cancel(entry.deadline);
      this.groups.delete(group);
    }
  }

  groupSend(group: G, message: M): void {
    this.purge();
    const entry = this.groups.get(group);
    if (entry === undefined) return;
    for (const channel of entry.channels) {
      if (this.transport === undefined) this.land(channel, message);
      else this.transport(() => this.land(channel, message));
    }
  }

  private land(channel: C, message: M): void {
    let inbox = this.inboxes.get(channel);
    if (inbox === undefined) {
      inbox = { messages: [], landed: this.newLanded(), listener: undefined };
      this.inboxes.set(channel, inbox);
    }
    if (inbox.messages.length >= this.capacity) {
      this.overCapacity++;
      return;
    }
    inbox.messages.push(message);
    inbox.landed?.push(this.clock());
    this.delivered++;
    inbox.listener?.(channel);
  }

  receive(channel: C): M | undefined {
    const inbox = this.inboxes.get(channel);
    if (inbox === undefined) return undefined;
    const landed = inbox.landed;
    if (landed !== undefined) {
      // Expired messages are gone unread; the first fresh one is received.
      while (landed.length > 0 && this.clock() - landed[0] > this.expiry) {
        landed.shift();
        inbox.messages.shift();
        this.expired++;
      }
      landed.shift();
    }
    const message = inbox.messages.shift();
    if (inbox.messages.length === 0 && inbox.listener === undefined) this.inboxes.delete(channel);
    return message;
  }

  private purge(): void {
    this.expiries.expireUpTo(this.clock(), (group) => {
      const entry = this.groups.get(group) as Group<G, C>;
      // Refreshed since this check was scheduled: check again at its new expiry.
      if (entry.expiresAt > this.clock()) entry.deadline = this.expiries.add(group, entry.expiresAt);
      else this.groups.delete(group);
    });
  }
}
