import type { ArrivalSource } from '../../engine/arrival-source.js';
import type { AttributeDeclaration } from '../../engine/ticket/attribute-kinds.js';
import { traceArrivals } from '../arrivals.js';
import { dataCentreNames } from '../schema/latency.js';
import { attributeColumnsOf, checkTraceColumns, checkTraceLatency, traceColumnKinds, traceLatencyColumns, type ColumnKind } from '../trace-columns.js';
import type { Trace } from '../trace.js';
import type { SourceScenario } from './source-kind.js';

/**
 * What every kind that replays recorded players shares once its file is a
 * Trace (a CSV trace, an Open Match dump): the checks of its columns against
 * the scenario, the attributes its players carry and its arrivals. `declared`:
 * each column's kind where the scenario or the file says.
 */
type Declared = Readonly<Record<string, ColumnKind>> | undefined;

export function checkRecordedTrace(file: string, trace: Trace, declared: Declared, scenario: Pick<SourceScenario, 'matcher' | 'latency'>): void {
  checkTraceColumns(file, trace, declared, scenario.matcher ?? {});
  checkTraceLatency(file, trace, dataCentreNames(scenario.latency));
}

export function recordedAttributes(trace: Trace | undefined, declared: Declared, scenario: SourceScenario): readonly AttributeDeclaration[] {
  if (!trace) return [];
  const kinds = traceColumnKinds(trace, declared, scenario.matcher ?? {});
  return attributeColumnsOf(trace).map(({ name }) => ({ name, kind: kinds.get(name)?.kind ?? 'string' }));
}

export function recordedArrivals(trace: Trace | undefined, declared: Declared, scenario: SourceScenario): ArrivalSource {
  if (!trace) throw new Error('a scenario that replays recorded players must be loaded with them');
  return traceArrivals(trace, traceColumnKinds(trace, declared, scenario.matcher ?? {}), traceLatencyColumns(trace, dataCentreNames(scenario.latency)));
}
