import type { ArrivalSource } from '../../engine/arrival-source.js';
import type { AttributeDeclaration } from '../../engine/ticket/attribute-kinds.js';
import { traceArrivals } from '../arrivals.js';
import { dataCentreNames } from '../schema/latency.js';
import { attributeColumnsOf, checkTraceColumns, checkTraceLatency, traceColumnKinds, traceLatencyColumns, type ColumnKind } from '../trace-columns.js';
import type { Trace } from '../trace.js';
import type { SourceData, SourceScenario } from './source-kind.js';
import { checkReplayWindow } from './replay-window.js';
import { OBSERVED_ENDS } from '../formats/replay-log.js';

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

/**
 * What every kind that replays a production log shares (spread into its
 * arrivalKind): its window's rules, the checks of the trace its reader makes
 * (each column the kind the log gave it), its size, attributes and arrivals.
 */
export const REPLAYED_LOG = {
  check: checkReplayWindow,
  estimate: (_spec: unknown, _scenario: SourceScenario, data: SourceData): number => data.trace?.ids.length ?? 0,
  attributes: (_spec: unknown, scenario: SourceScenario, data: SourceData): readonly AttributeDeclaration[] => recordedAttributes(data.trace, data.trace?.kinds, scenario),
  arrivals: (_spec: unknown, scenario: SourceScenario, data: SourceData): ArrivalSource => recordedArrivals(data.trace, data.trace?.kinds, scenario),
};

/** A log's trace checked against the scenario, its columns of the kinds the log gave them. */
export const checkLogTrace = (_spec: unknown, trace: Trace, scenario: Pick<SourceScenario, 'matcher' | 'latency'>, file: string): void => checkRecordedTrace(file, trace, trace.kinds, scenario);

/**
 * A log that saw its tickets end: each player's observed wait and wait
 * before leaving, and a ticket production saw leave (time out, cancel,
 * remove) leaves the replay as long after its start on the replay's clock,
 * unless the scenario gives its own abandonment.
 */
export const OBSERVED_LOG = {
  recordedColumns: (): readonly string[] => OBSERVED_ENDS,
  recordedPatience: (spec: { readonly speed: number }) => ({ column: OBSERVED_ENDS[1], scale: 1 / spec.speed }),
};
