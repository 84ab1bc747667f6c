import type * as z from 'zod';
import type { ArrivalSource } from '../../engine/arrival-source.js';
import type { AttributeDeclaration } from '../../engine/ticket/attribute-kinds.js';
import type { AttributeSpecs } from '../schema/attributes.js';
import type { LatencySpec } from '../schema/latency.js';
import type { PartiesSpec } from '../schema/parties.js';
import type { RolesSpec } from '../schema/roles.js';
import type { ScoresSpec } from '../schema/scores.js';
import type { AddIssue } from '../schema/section-issue.js';
import type { EmpiricalValues } from '../scores.js';
import type { Filtered } from '../filter-check.js';
import type { Trace } from '../trace.js';

/*
 * Where a run's players come from: a kind of arrival source (a Poisson
 * stream, a rate profile, a recorded trace, a closed population; later one
 * per recorded log format). A kind is one file and one line in
 * source-kinds.ts: it brings its settings' schema, what it gives its players
 * and what the scenario must give, its own rules, the file it reads, a size
 * estimate for the limits, and the arrivals themselves.
 */

/** What a source kind reads of the scenario around it (a resolved scenario is one). */
export interface SourceScenario {
  readonly seed: number;
  readonly duration: number;
  readonly scores?: ScoresSpec;
  readonly attributes?: AttributeSpecs;
  readonly parties?: PartiesSpec;
  readonly roles?: RolesSpec;
  readonly latency?: LatencySpec;
  /** Its filters, which decide the kind of a recorded column they test. */
  readonly matcher?: Filtered;
}

/** The files behind a scenario, read and checked: the recorded arrivals, and the values of empirical distributions. */
export interface SourceData {
  readonly trace?: Trace;
  readonly empirical: EmpiricalValues;
}

/** A file a kind reads: the field that names it, the path as written, and what it is (for messages). */
export interface SourceFile {
  readonly field: string;
  readonly file: string;
  readonly what: string;
}

export interface SourceKind<Spec> {
  /** arrivals.type (or, for a kind that is a section of its own, the section's name). */
  readonly name: string;
  /** The kind in a message: "poisson arrivals", "a trace". */
  readonly label: string;
  /** Scenario fields it cannot do without, each with why ('' when plain): "required with <label> (why)". */
  readonly needs: Partial<Record<'duration' | 'scores', string>>;
  /** What its players carry of their own, so the scenario must not give it: "not used with <label>: why". */
  readonly provides: Partial<Record<'scores' | 'attributes', string>>;
  /** Sections it has no place for (yet): "not used with <label>: why". */
  readonly excludes: Partial<Record<'attributes' | 'parties' | 'faults' | 'latency', string>>;
  /** Its own rules, beyond its schema's field types. */
  readonly check?: (spec: Spec, issue: AddIssue) => void;
  /**
   * The recorded arrivals it replays, their reader (a Trace: times, ids,
   * scores, attribute columns), and what it checks of them against the
   * scenario once read (`file`: the scenario's, for errors).
   */
  readonly recorded?: {
    readonly files: (spec: Spec) => readonly SourceFile[];
    /** Reads its files, the paths in the order `files` lists them, into one Trace. */
    readonly read: (paths: readonly string[], spec: Spec) => Trace;
    readonly check?: (spec: Spec, trace: Trace, scenario: Pick<SourceScenario, 'matcher' | 'latency'>, file: string) => void;
  };
  /** Players (a population: queue entries) it is expected to bring: for sizing decisions, never for results. */
  readonly estimate: (spec: Spec, scenario: SourceScenario, data: SourceData) => number;
  /** The attributes its players carry, declared, in order (none: no attributes). */
  readonly attributes?: (spec: Spec, scenario: SourceScenario, data: SourceData) => readonly AttributeDeclaration[];
  /**
   * The numbers it records of each ticket besides its arrival, by name, in the
   * order its arrivals give them (ArrivalSlot.recorded): for a replayed log,
   * what production observed (its wait). Each is kept in the ticket table and
   * written as a column observed_<name> of players.csv, beside the simulated
   * figures. Names are the kind's own, never a file's. None: it records nothing.
   */
  readonly recordedColumns?: (spec: Spec, data: SourceData) => readonly string[];
  /**
   * The recorded number that is each ticket's patience when the scenario
   * gives no abandonment of its own (a replayed log's observed leave), and
   * the factor from its seconds to the run's (1 / speed); none: it records no leaves.
   */
  readonly recordedPatience?: (spec: Spec, data: SourceData) => { readonly column: string; readonly scale: number } | undefined;
  /** Its arrivals for one run, with fresh random streams (the same draws on every call). */
  readonly arrivals: (spec: Spec, scenario: SourceScenario, data: SourceData) => ArrivalSource;
}

/** A kind whose settings are `arrivals`, told apart by arrivals.type. */
export interface ArrivalKind<Schema extends z.ZodObject> extends SourceKind<z.output<Schema>> {
  readonly schema: Schema;
}

/** An arrival kind, its settings' type taken from its schema. */
export function arrivalKind<Schema extends z.ZodObject>(kind: ArrivalKind<Schema>): ArrivalKind<Schema> {
  return kind;
}
