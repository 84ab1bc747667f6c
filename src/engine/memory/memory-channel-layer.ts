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
   * Default: at once.
   */
  readonly transport?: (channel: string, deliver: () => void) => void;
}

interface Group {
  readonly channels: string[];
  /** When the group expires: groupExpiry after its last group_add. */
  expiresAt: number;
  /** The scheduled check; at most one per group, moved on lazily when the group was refreshed. */
  deadline: Deadline;
}

/** A channel's inbox (with when each message landed, when messages expire), and the consumer woken when one lands. */
interface Inbox<M> {
  readonly messages: M[];
  readonly landed: number[];
  readonly listener: (() => void) | undefined;
}

/**
 * Groups of channels and per-channel inboxes, like the chat service of seed 003.
 * A consumer may subscribe to its channel, as a Channels consumer awaits
 * receive(): it is called after each message lands, and its inbox lives until
 * it unsubscribes. Messages to a channel nobody subscribed wait in an inbox
 * of their own until received.
 */
export class MemoryChannelLayer<M> implements ChannelLayer<M> {
  private readonly groups = new Map<string, Group>();
  private readonly inboxes = new Map<string, Inbox<M>>();
  private readonly expiries = new ExpirySchedule();
  private readonly clock: Clock;
  private readonly groupExpiry: number;
  private readonly capacity: number;
  private readonly expiry: number;
  private readonly transport: ((channel: string, deliver: () => void) => void) | undefined;
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

  /** Calls `listener` after each message that lands in `channel`'s inbox, until unsubscribed. */
  subscribe(channel: string, listener: () => void): void {
    const inbox = this.inboxes.get(channel);
    this.inboxes.set(channel, { messages: inbox?.messages ?? [], landed: inbox?.landed ?? [], listener });
  }

  /** Stops listening and drops the channel's inbox; returns how many unread messages were dropped with it. */
  unsubscribe(channel: string): number {
    const unread = this.inboxes.get(channel)?.messages.length ?? 0;
    this.inboxes.delete(channel);
    return unread;
  }

  groupAdd(group: string, channel: string): void {
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

  groupDiscard(group: string, channel: string): void {
    const entry = this.groups.get(group);
    if (entry === undefined) return;
    const at = entry.channels.indexOf(channel);
    if (at >= 0) entry.channels.splice(at, 1);
    if (entry.channels.length === 0) {
      this.expiries.cancel(entry.deadline);
      this.groups.delete(group);
    }
  }

  groupSend(group: string, message: M): void {
    this.purge();
    const entry = this.groups.get(group);
    if (entry === undefined) return;
    for (const channel of entry.channels) {
      if (this.transport === undefined) this.land(channel, message);
      else this.transport(channel, () => this.land(channel, message));
    }
  }

  private land(channel: string, message: M): void {
    let inbox = this.inboxes.get(channel);
    if (inbox === undefined) {
      inbox = { messages: [], landed: [], listener: undefined };
      this.inboxes.set(channel, inbox);
    }
    if (inbox.messages.length >= this.capacity) {
      this.overCapacity++;
      return;
    }
    inbox.messages.push(message);
    if (this.expiry !== Infinity) inbox.landed.push(this.clock());
    this.delivered++;
    inbox.listener?.();
  }

  receive(channel: string): M | undefined {
    const inbox = this.inboxes.get(channel);
    if (inbox === undefined) return undefined;
    if (this.expiry !== Infinity) {
      // Expired messages are gone unread; the first fresh one is received.
      while (inbox.landed.length > 0 && this.clock() - inbox.landed[0] > this.expiry) {
        inbox.landed.shift();
        inbox.messages.shift();
        this.expired++;
      }
      inbox.landed.shift();
    }
    const message = inbox.messages.shift();
    if (inbox.messages.length === 0 && inbox.listener === undefined) this.inboxes.delete(channel);
    return message;
  }

  private purge(): void {
    this.expiries.expireUpTo(this.clock(), (group) => {
      const entry = this.groups.get(group) as Group;
      // Refreshed since this check was scheduled: check again at its new expiry.
      if (entry.expiresAt > this.clock()) entry.deadline = this.expiries.add(group, entry.expiresAt);
      else this.groups.delete(group);
    });
  }
}
