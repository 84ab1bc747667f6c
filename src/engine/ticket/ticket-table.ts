import { GrowableFloat64, GrowableInt32 } from '../growable.js';
import type { Attributes, AttributeValue } from '../pool/filters.js';
import type { AttributeColumn } from '../records.js';
import type { AttributeDeclaration } from './attribute-kinds.js';
import { StringTable } from './string-table.js';

/**
 * One declared attribute's column: numbers (NaN: absent), interned strings
 * (-1: absent), tags (1: present), or lists and maps as runs of items: each
 * ticket's first item and count (-1: absent), the items' interned strings,
 * and for a map each key's number.
 */
type StoredColumn =
  | { readonly kind: 'number'; readonly name: string; readonly values: GrowableFloat64 }
  | { readonly kind: 'string'; readonly name: string; readonly values: GrowableInt32 }
  | { readonly kind: 'tag'; readonly name: string; readonly values: GrowableInt32 }
  | { readonly kind: 'string-list'; readonly name: string; readonly runs: ItemRuns }
  | { readonly kind: 'number-map'; readonly name: string; readonly runs: ItemRuns; readonly numbers: GrowableFloat64 };

/** Each ticket's run of items in one list or map column. */
class ItemRuns {
  readonly first = new GrowableInt32();
  readonly count = new GrowableInt32();
  readonly items = new GrowableInt32();

  /** Starts the next ticket's run; `count` -1: absent. */
  open(count: number): void {
    this.first.push(this.items.length);
    this.count.push(count);
  }
}

function storedColumn({ name, kind }: AttributeDeclaration): StoredColumn {
  switch (kind) {
    case 'number':
      return { kind, name, values: new GrowableFloat64() };
    case 'string':
    case 'tag':
      return { kind, name, values: new GrowableInt32() };
    case 'string-list':
      return { kind, name, runs: new ItemRuns() };
    case 'number-map':
      return { kind, name, runs: new ItemRuns(), numbers: new GrowableFloat64() };
  }
}

const isList = (value: AttributeValue | undefined): value is readonly string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');
const isMap = (value: AttributeValue | undefined): value is ReadonlyMap<string, number> => value instanceof Map;

/**
 * Every ticket of a run by slot (its arrival index), one column per field:
 * when it arrived, its score, its pool and party, and each declared
 * attribute, typed and with its strings interned; a latency to each of the
 * scenario's data centres (with latency.dataCentres) and a role set per
 * ticket (no run has roles yet). Plain data, with nothing of the simulator in it.
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

  /** Each ticket's role set, the roles in its order of preference, when the run has roles (interned in `strings`). */
  private readonly roleRuns: ItemRuns | undefined;

  /** What the source recorded of each ticket (a replayed log's observed wait), one column per name (NaN: not known). */
  private readonly recordedColumns: readonly GrowableFloat64[];

  constructor(
    readonly attributes: readonly AttributeDeclaration[] = [],
    readonly dataCentres: readonly string[] = [],
    roles = false,
    readonly recorded: readonly string[] = [],
  ) {
    this.columns = attributes.map(storedColumn);
    this.recordedColumns = recorded.map(() => new GrowableFloat64());
    this.latency = dataCentres.map(() => new GrowableFloat64());
    this.roleRuns = roles ? new ItemRuns() : undefined;
  }

  /** Seconds some tickets queue as if earlier, by slot (a priority pass): the pool sees them older than their arrival; waits stay from arrival. Few: a map. */
  readonly earlier = new Map<number, number>();

  /** The ticket at `slot` queues as if it had come `seconds` before its arrival (a priority pass). */
  queueEarlier(slot: number, seconds: number): void {
    this.earlier.set(slot, seconds);
  }

  /** Tickets held. */
  get count(): number {
    return this.arrival.length;
  }

  /** Adds the next ticket; its slot is the count before. A value not of its attribute's declared kind is kept as absent. */
  add(time: number, score: number, pool: number, party: number, attributes: Attributes | undefined, roles?: readonly string[]): number {
    const slot = this.arrival.length;
    this.arrival.push(time);
    this.score.push(score);
    this.pool.push(pool);
    this.party.push(party);
    for (const column of this.columns) {
      const value = attributes !== undefined && Object.hasOwn(attributes, column.name) ? attributes[column.name] : undefined;
      if (column.kind === 'number') column.values.push(typeof value === 'number' ? value : NaN);
      else if (column.kind === 'string') column.values.push(typeof value === 'string' ? this.strings.intern(value) : -1);
      else if (column.kind === 'tag') column.values.push(value === undefined ? 0 : 1);
      else if (column.kind === 'string-list') {
        column.runs.open(isList(value) ? value.length : -1);
        if (isList(value)) for (const item of value) column.runs.items.push(this.strings.intern(item));
      } else {
        const map = isMap(value) ? value : undefined;
        column.runs.open(map === undefined ? -1 : map.size);
        if (map !== undefined) {
          for (const [key, number] of map) {
            column.runs.items.push(this.strings.intern(key));
            column.numbers.push(number);
          }
        }
      }
    }
    for (const latency of this.latency) latency.push(NaN);
    for (const column of this.recordedColumns) column.push(NaN);
    const roleRuns = this.roleRuns;
    if (roleRuns !== undefined) {
      roleRuns.open(roles === undefined ? -1 : roles.length);
      if (roles !== undefined) for (const role of roles) roleRuns.items.push(this.strings.intern(role));
    }
    return slot;
  }

  /** Sets what the source recorded of a ticket, in `recorded` order (a value beyond them is an error of the source). */
  record(slot: number, values: readonly number[]): void {
    if (values.length !== this.recordedColumns.length) throw new RangeError(`a ticket recorded ${values.length} values for ${this.recordedColumns.length} recorded columns`);
    for (let k = 0; k < values.length; k++) this.recordedColumns[k].set(slot, values[k]);
  }

  /** The `k`-th recorded number of one ticket (NaN: not known). */
  recordedValue(k: number, slot: number): number {
    return this.recordedColumns[k].get(slot);
  }

  /** The `k`-th recorded number of tickets [from, to), copied for a table's rows. */
  recordedColumn(k: number, from: number, to: number): Float64Array {
    return this.recordedColumns[k].view().slice(from, to);
  }

  /** The run has roles: each ticket keeps its role set. */
  get hasRoles(): boolean {
    return this.roleRuns !== undefined;
  }

  /** A ticket's roles, in its order of preference; undefined when it declared none or the run has no roles. */
  roles(slot: number): string[] | undefined {
    return this.roleRuns === undefined ? undefined : this.itemsOf(this.roleRuns, slot);
  }

  /** A ticket's run of items as strings; undefined when absent. */
  private itemsOf(runs: ItemRuns, slot: number): string[] | undefined {
    const n = runs.count.get(slot);
    if (n < 0) return undefined;
    const first = runs.first.get(slot);
    const list: string[] = new Array(n);
    for (let k = 0; k < n; k++) list[k] = this.strings.text(runs.items.get(first + k));
    return list;
  }

  /** The first ticket of a ticket's party: the party's request is its leader's (the ticket itself when alone). */
  partyLeader(slot: number): number {
    const party = this.party.get(slot);
    return party < 0 ? slot : party;
  }

  /** Tickets in the party a leader leads (its members are added one after the other); 1 alone. */
  partySize(leader: number): number {
    if (this.party.get(leader) !== leader) return 1;
    let size = 1;
    while (leader + size < this.count && this.party.get(leader + size) === leader) size++;
    return size;
  }

  /** A ticket's lowest round trip over the data centres it has one to, in milliseconds; NaN when it has none. */
  bestLatency(slot: number): number {
    let best = NaN;
    for (const column of this.latency) {
      const ms = column.get(slot);
      if (ms < best || (Number.isNaN(best) && !Number.isNaN(ms))) best = ms;
    }
    return best;
  }

  /** A ticket's measured round trip to the `dc`-th data centre, in milliseconds. */
  setLatency(slot: number, dc: number, ms: number): void {
    this.latency[dc].set(slot, ms);
  }

  /** A ticket's value of the `index`-th declared attribute, as it was added; undefined when absent. */
  value(index: number, slot: number): AttributeValue | undefined {
    const column = this.columns[index];
    switch (column.kind) {
      case 'number': {
        const x = column.values.get(slot);
        return Number.isNaN(x) ? undefined : x;
      }
      case 'string': {
        const id = column.values.get(slot);
        return id < 0 ? undefined : this.strings.text(id);
      }
      case 'tag':
        return column.values.get(slot) === 1 ? true : undefined;
      case 'string-list':
        return this.itemsOf(column.runs, slot);
      case 'number-map': {
        const { first, count, items } = column.runs;
        const n = count.get(slot);
        if (n < 0) return undefined;
        const map = new Map<string, number>();
        for (let k = 0; k < n; k++) map.set(this.strings.text(items.get(first.get(slot) + k)), column.numbers.get(first.get(slot) + k));
        return map;
      }
    }
  }

  /**
   * The `index`-th declared attribute of tickets [from, to), as a column for a
   * table's rows: numbers, tags as 1 or 0, strings, and lists and maps as JSON
   * text (`["tank","damage"]`, `{"eu-west":42}`), which DuckDB and pandas parse.
   */
  attributeColumn(index: number, from: number, to: number): AttributeColumn {
    const column = this.columns[index];
    if (column.kind === 'number') return column.values.view().slice(from, to);
    if (column.kind === 'tag') return Uint8Array.from(column.values.view().subarray(from, to));
    const texts: Array<string | null> = new Array(to - from);
    if (column.kind === 'string') {
      const ids = column.values.view();
      for (let slot = from; slot < to; slot++) texts[slot - from] = ids[slot] < 0 ? null : this.strings.text(ids[slot]);
      return texts;
    }
    for (let slot = from; slot < to; slot++) {
      const value = this.value(index, slot);
      texts[slot - from] = value === undefined ? null : Array.isArray(value) ? JSON.stringify(value) : mapJson(value as ReadonlyMap<string, number>);
    }
    return texts;
  }
}

/** A map as a JSON object, keys in the order given (JSON.stringify of a Map would give {}). */
function mapJson(map: ReadonlyMap<string, number>): string {
  const parts: string[] = [];
  for (const [key, number] of map) parts.push(`${JSON.stringify(key)}:${JSON.stringify(number)}`);
  return `{${parts.join(',')}}`;
}
