import * as z from 'zod';
import type { AddIssue } from '../schema/section-issue.js';
import { population } from './population.js';
import { ARRIVAL_KINDS } from './arrival-kinds.js';
import type { ArrivalKind, SourceData, SourceFile, SourceKind, SourceScenario } from './source-kind.js';
import type { ArrivalSource } from '../../engine/arrival-source.js';
import type { PopulationSpec } from '../schema/population.js';
import type { AttributeDeclaration } from '../../engine/ticket/attribute-kinds.js';

export { ARRIVAL_KINDS };

/** The kind a scenario's population section is. */
export const POPULATION_KIND = population;

type Schemas<T extends readonly ArrivalKind<z.ZodObject>[]> = { -readonly [K in keyof T]: T[K]['schema'] };

function schemasOf<const T extends readonly ArrivalKind<z.ZodObject>[]>(kinds: T): Schemas<T> {
  return kinds.map((kind) => kind.schema) as Schemas<T>;
}

/** The arrivals section: one of the registered kinds, told apart by type. */
export const arrivalsSchema = z.discriminatedUnion('type', schemasOf(ARRIVAL_KINDS)).optional().describe('Who arrives when (or population).');

/** A scenario's source: its kind, with the kind's functions bound to the scenario's settings of it. */
export interface ScenarioSource {
  readonly kind: Omit<SourceKind<unknown>, 'check' | 'recorded' | 'estimate' | 'arrivals' | 'attributes' | 'recordedColumns' | 'recordedPatience'>;
  check(issue: AddIssue): void;
  files(): readonly SourceFile[];
  read(paths: readonly string[]): NonNullable<SourceData['trace']>;
  checkRecorded(trace: NonNullable<SourceData['trace']>, scenario: Pick<SourceScenario, 'matcher' | 'latency'>, file: string): void;
  estimate(scenario: SourceScenario, data: SourceData): number;
  attributes(scenario: SourceScenario, data: SourceData): readonly AttributeDeclaration[];
  recordedColumns(data: SourceData): readonly string[];
  recordedPatience(data: SourceData): { readonly column: string; readonly scale: number } | undefined;
  arrivals(scenario: SourceScenario, data: SourceData): ArrivalSource;
}

/** The source of a scenario that has arrivals or a population (the schema refuses one with both or neither), or undefined. */
export function scenarioSource(scenario: { readonly arrivals?: { readonly type: string }; readonly population?: PopulationSpec }): ScenarioSource | undefined {
  if (scenario.population !== undefined) return bind(POPULATION_KIND, scenario.population);
  const spec = scenario.arrivals;
  if (spec === undefined) return undefined;
  const kind = ARRIVAL_KINDS.find((k) => k.name === spec.type);
  if (kind === undefined) throw new Error(`no source kind ${spec.type} is registered`);
  // The schema parsed spec with this kind's schema (it is the branch its type names).
  return bind(kind as unknown as SourceKind<unknown>, spec);
}

function bind<Spec>(kind: SourceKind<Spec>, spec: Spec): ScenarioSource {
  return {
    kind,
    check: (issue) => kind.check?.(spec, issue),
    files: () => kind.recorded?.files(spec) ?? [],
    read: (paths) => {
      if (kind.recorded === undefined) throw new Error(`${kind.name} arrivals read no file`);
      return kind.recorded.read(paths, spec);
    },
    checkRecorded: (trace, scenario, file) => kind.recorded?.check?.(spec, trace, scenario, file),
    estimate: (scenario, data) => kind.estimate(spec, scenario, data),
    attributes: (scenario, data) => kind.attributes?.(spec, scenario, data) ?? [],
    recordedColumns: (data) => kind.recordedColumns?.(spec, data) ?? [],
    recordedPatience: (data) => kind.recordedPatience?.(spec, data),
    arrivals: (scenario, data) => kind.arrivals(spec, scenario, data),
  };
}
