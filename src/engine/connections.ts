import { grown } from './growable.js';

/**
 * The simulated game server's connections, one per player, by player index
 * (the simulator names each channel after its player): which room group it
 * is in, the create_player events it has read, and whether it is still open.
 * Columns of integers rather than an object per player.
 */
export class Connections {
  private capacity = 4096;
  /** The room group the connection was added to, or -1. */
  private roomOf = new Int32Array(this.capacity).fill(-1);
  private readCount = new Uint32Array(this.capacity);
  private flags = new Uint8Array(this.capacity);
  /** Connections opened so far: players 0 .. opened-1. */
  opened = 0;

  /** Opens the next player's connection; returns its index. */
  open(): number {
    if (this.opened === this.capacity) this.grow();
    const player = this.opened++;
    this.flags[player] = OPEN;
    return player;
  }

  isOpen(player: number): boolean {
    return (this.flags[player] & OPEN) !== 0;
  }

  close(player: number): void {
    this.flags[player] &= ~OPEN;
  }

  /** The room group it was added to, or -1. */
  room(player: number): number {
    return this.roomOf[player];
  }

  setRoom(player: number, room: number): void {
    this.roomOf[player] = room;
  }

  /** Counts one more create_player event read; returns how many so far. */
  read(player: number): number {
    return ++this.readCount[player];
  }

  /** The create_player events it has read so far. */
  readSoFar(player: number): number {
    return this.readCount[player];
  }

  /** It has every create_player event of its room. */
  isNotified(player: number): boolean {
    return (this.flags[player] & NOTIFIED) !== 0;
  }

  setNotified(player: number): void {
    this.flags[player] |= NOTIFIED;
  }

  /** The player gave up, or its connection failed: nobody reads it any more, though its request may still be in the pool. */
  isGone(player: number): boolean {
    return (this.flags[player] & GONE) !== 0;
  }

  setGone(player: number): void {
    this.flags[player] |= GONE;
  }

  /** The simulation has recorded its room (the room group may be known earlier, with faults). */
  isSeated(player: number): boolean {
    return (this.flags[player] & SEATED) !== 0;
  }

  setSeated(player: number): void {
    this.flags[player] |= SEATED;
  }

  private grow(): void {
    const before = this.capacity;
    this.capacity *= 2;
    this.roomOf = grown(this.roomOf, this.capacity).fill(-1, before);
    this.readCount = grown(this.readCount, this.capacity);
    this.flags = grown(this.flags, this.capacity);
  }
}

const OPEN = 1;
const NOTIFIED = 2;
const GONE = 4;
const SEATED = 8;
