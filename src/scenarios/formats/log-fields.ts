import { excerpt, InputError } from '../../errors.js';
import { SCORE_MAX, SCORE_MIN } from '../../engine/score-range.js';
import { OBSERVED_PREFIX, PARTY_COLUMN, LATENCY_PREFIX } from '../trace.js';

/** A log field's kind as a trace column's (Open Match: number, string; FlexMatch: N, S, SL, SDM). */
export type FieldKind = 'number' | 'string' | 'string-list' | 'number-map';

/** A field name Open Match or FlexMatch would take, and a column name matchsim writes: letters, digits and . _ : - */
const FIELD_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/**
 * Why a log's field cannot become a column of its trace, or undefined when it
 * can: its name, one kept for what production observed, or one of the
 * columns matchsim writes itself. `noun` is what the format calls a field.
 */
export function fieldNameProblem(name: string, noun: 'field' | 'attribute'): string | undefined {
  if (!FIELD_NAME.test(name)) return `${noun} name ${excerpt(name)} is not letters, digits and . _ : - (at most 64)`;
  if (name.startsWith(OBSERVED_PREFIX)) return `a name beginning ${OBSERVED_PREFIX} is kept for what production observed`;
  if (name === 'time' || name === 'id' || name === 'score' || name === PARTY_COLUMN) return `${noun === 'field' ? 'a field' : 'an attribute'} named ${excerpt(name)} would take a column matchsim writes itself`;
  return undefined;
}

/** Why a log's score is no score: a bad line of its own (skippable), not a bad row of the trace it becomes. */
export function notAScore(field: string, value: number): string {
  return `its score ${excerpt(field)} ${value} is not a whole number from ${SCORE_MIN} to ${SCORE_MAX} (scores are i32)`;
}

/**
 * The columns a log's tickets make, gathered ticket by ticket: every field in
 * the order first seen, round trips (latency.<dc>) after the rest, and the kind
 * of each other column; a field of two kinds is an error naming the line.
 */
export class LogColumns {
  readonly kinds = Object.create(null) as Record<string, FieldKind>;
  private readonly named: string[] = [];
  private readonly latency: string[] = [];

  constructor(
    private readonly file: string,
    private readonly noun: 'field' | 'attribute',
  ) {}

  add(fields: ReadonlyMap<string, { readonly kind: FieldKind }>, line: number): void {
    for (const [name, { kind }] of fields) {
      // Round trips are latency columns, not attributes: their kind is the latency reader's.
      if (name.startsWith(LATENCY_PREFIX)) {
        if (!this.latency.includes(name)) this.latency.push(name);
        continue;
      }
      const had = Object.hasOwn(this.kinds, name) ? this.kinds[name] : undefined;
      if (had === undefined) {
        this.kinds[name] = kind;
        this.named.push(name);
      } else if (had !== kind) throw new InputError(this.file, `line ${line}`, `${this.noun} ${excerpt(name)} is a ${kind} here and a ${had} on an earlier line`);
    }
  }

  /** The columns after time, id and score, in the order they are written. */
  get columns(): string[] {
    return [...this.named, ...this.latency];
  }
}

/**
 * The columns a scenario names for a log's fields (arrivals.fields: column
 * -> field, as "region": "stringArgs.region_code"), so that a log's names
 * meet the scenario's filters; every other field keeps its own name. A
 * mapping that names a field no ticket has is an error once the log is read
 * (finish): a misspelt field would otherwise leave its column empty, silently.
 */
export class FieldNames {
  private readonly byField = new Map<string, string>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly file: string,
    fields: Readonly<Record<string, string>> | undefined,
  ) {
    for (const [column, field] of Object.entries(fields ?? {})) {
      const problem = column.startsWith(LATENCY_PREFIX) ? `a name beginning ${LATENCY_PREFIX} is a round trip's column, not a field's` : fieldNameProblem(column, 'field');
      if (problem !== undefined) throw new InputError(file, `arrivals.fields.${excerpt(column)}`, problem);
      const other = this.byField.get(field);
      if (other !== undefined) throw new InputError(file, `arrivals.fields.${excerpt(column)}`, `${excerpt(field)} is already the column ${excerpt(other)}`);
      this.byField.set(field, column);
    }
  }

  /** The column of the field at `path` (format.key): the scenario's name for it, or `own`. */
  of(path: string, own: string): string {
    const column = this.byField.get(path);
    if (column === undefined) return own;
    this.seen.add(path);
    return column;
  }

  /** Every mapped field was found in some ticket. */
  finish(): void {
    for (const [field, column] of this.byField) {
      if (!this.seen.has(field)) throw new InputError(this.file, `arrivals.fields.${excerpt(column)}`, `no ticket of the log has the field ${excerpt(field)}`);
    }
  }
}
