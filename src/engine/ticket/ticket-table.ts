import { GrowableFloat64, GrowableInt32 } from '../growable.js';
import type { Attributes } from '../pool/filters.js';
import type { AttributeColumn } from '../records.js';
import type { AttributeDeclaration } from './attribute-kinds.js';
import { StringTable } from './string-table.js';

/** One declared attribute's column: numbers (NaN: absent), interned strings (-1: absent), or tags (1: present). */
type StoredColumn =
  | { readonly kind: 'number'; readonly name: string; readonly values: GrowableFloat64 }
  | { readonly kind: 'string'; readonly name: string; readonly values: GrowableInt32 }
  | { readonly kind: 'tag'; readonly name: string; readonly values: GrowableInt32 };

/**
 * Every ticket of a run by slot (its arrival index), one column per field:
 * when it arrived, its score, its pool and party, and each declared
 * attribute, typed and with its strings interned; with room for a latency
 * to each of the scenario's data centres and a role set per ticket (none
 * declared yet). Plain data, with nothing of the simulator in it.
 */
export class TicketTable {
  readonly arrival = new GrowableFloat64();
  readonly score = new GrowableFloat64();
  /** Index into the matcher's pools, or -1. */
  readonly pool = new GrowableFloat64();
  /** The slot of the first ticket of the ticket's party, or -1 alone. */
  readonly party = new GrowableFloat64();
  /** The strings of every string attribute, interned. */
  readonly strings = new StringTable();
  private readonly columns: readonly StoredColumn[];
  /** Round-trip milliseconds to each data centre, in `dataCentres` order (NaN: no measurement). */
  readonly latency: readonly GrowableFloat64[];

  constructor(
    readonly attributes: readonly AttributeDeclaration[] = [],
    readonly dataCentres: readonly string[] = [],
  ) {
    this.columns = attributes.map(({ name, kind }) => (kind === 'number' ? { kind, name, values: new GrowableFloat64() } : { kind, name, values: new GrowableInt32() }));
    this.latency = dataCentres.map(() => new GrowableFloat64());
  }

  /** Tickets held. */
  get count(): number {
    return this.arrival.length;
  }

  /** Adds the next ticket; its slot is the count before. A value not of its attribute's declared kind is kept as absent. */
  add(time: number, score: number, pool: number, party: number, attributes: Attributes | undefined): number {
    const slot = this.arrival.length;
    this.arrival.push(time);
    this.score.push(score);
    this.pool.push(pool);
    this.party.push(party);
    for (const column of this.columns) {
      const value = attributes !== undefined && Object.hasOwn(attributes, column.name) ? attributes[column.name] : undefined;
      if (column.kind === 'number') column.values.push(typeof value === 'number' ? value : NaN);
      else if (column.kind === 'string') column.values.push(typeof value === 'string' ? this.strings.intern(value) : -1);
      else column.values.push(value === undefined ? 0 : 1);
    }
    for (const latency of this.latency) latency.push(NaN);
    return slot;
  }

  /** A ticket's measured round trip to the `dc`-th data centre, in milliseconds. */
  setLatency(slot: number, dc: number, ms: number): void {
    this.latency[dc].set(slot, ms);
  }

  /** The `index`-th declared attribute of tickets [from, to), as a column for a table's rows. */
  attributeColumn(index: number, from: number, to: number): AttributeColumn {
    const column = this.columns[index];
    if (column.kind === 'number') return column.values.view().slice(from, to);
    if (column.kind === 'tag') return Uint8Array.from(column.values.view().subarray(from, to));
    const ids = column.values.view();
    const texts: Array<string | null> = new Array(to - from);
    for (let slot = from; slot < to; slot++) texts[slot - from] = ids[slot] < 0 ? null : this.strings.text(ids[slot]);
    return texts;
  }
}
