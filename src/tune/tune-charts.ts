import type { Evaluated, Goal } from './search.js';
import { AXIS_FORMAT, CONFIG, SCHEMA, WIDTH, type Chart } from '../reports/charts/chart.js';

const FEASIBLE = { domain: ['meets every constraint', 'misses one'], range: ['#33a02c', '#bbbbbb'] };

/** One condition's search: its label (empty without --across), its goal, and every candidate evaluated, the chosen one first. */
export interface TuneSearch {
  readonly condition: string;
  readonly goal: Goal;
  readonly parameters: readonly string[];
  readonly evaluated: readonly Evaluated[];
}

/**
 * Candidates neither of whose figures another beats: the objective no worse,
 * and the constraint's figure no further from its limit's side. The front
 * of what can be had, in order along the constraint's figure.
 */
export function paretoFront(points: ReadonlyArray<{ x: number; y: number }>, xLower: boolean, yLower: boolean): Array<{ x: number; y: number }> {
  const better = (a: number, b: number, lower: boolean) => (lower ? a <= b : a >= b);
  const strictly = (a: number, b: number, lower: boolean) => (lower ? a < b : a > b);
  return points
    .filter((p) => !points.some((q) => better(q.x, p.x, xLower) && better(q.y, p.y, yLower) && (strictly(q.x, p.x, xLower) || strictly(q.y, p.y, yLower))))
    .sort((a, b) => a.x - b.x);
}

/** The charts of a tuning: objective against the first constraint (feasible side shaded, Pareto front, the chosen point), and the search's path. */
export function tuneCharts(searches: readonly TuneSearch[]): Chart[] {
  const charts: Chart[] = [];
  const several = searches.length > 1;
  const { goal } = searches[0];
  const constraint = goal.constraints[0];
  const facet = (spec: Record<string, unknown>, data: unknown[]) =>
    several
      ? { $schema: SCHEMA, config: CONFIG, data: { values: data }, facet: { row: { field: 'condition', type: 'nominal', title: null, sort: searches.map((s) => s.condition), header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12 } } }, resolve: { scale: { x: 'independent', y: 'independent' } }, spec }
      : { $schema: SCHEMA, config: CONFIG, data: { values: data }, ...spec };
  if (constraint) {
    const rows = searches.flatMap((s) =>
      s.evaluated.flatMap((e, i) => {
        const x = e.figures.get(constraint.figure);
        const y = e.figures.get(goal.objective.figure);
        if (!x || !y) return [];
        return [{ condition: s.condition, x: x.mean, xHigh: x.high ?? x.mean, xLow: x.low ?? x.mean, y: y.mean, status: e.feasible ? FEASIBLE.domain[0] : FEASIBLE.domain[1], chosen: i === 0, limit: constraint.limit }];
      }),
    );
    // The feasible side of the limit, from the limit to the furthest interval on that side.
    const shade = searches.flatMap((s) => {
      const mine = rows.filter((r) => r.condition === s.condition);
      if (mine.length === 0) return [];
      const edge = constraint.op === '<=' ? Math.min(constraint.limit, ...mine.map((r) => r.xLow)) : Math.max(constraint.limit, ...mine.map((r) => r.xHigh));
      return [{ condition: s.condition, shadeFrom: Math.min(edge, constraint.limit), shadeTo: Math.max(edge, constraint.limit), shade: true }];
    });
    const front = searches.flatMap((s) =>
      paretoFront(rows.filter((r) => r.condition === s.condition), constraint.op === '<=', goal.objective.direction === 'minimize').map((p) => ({ ...p, condition: s.condition, front: true })),
    );
    const x = { field: 'x', type: 'quantitative', title: `${constraint.figure} (mean, with its 95% interval)`, scale: { zero: false }, axis: { format: AXIS_FORMAT } };
    const y = { field: 'y', type: 'quantitative', title: `${goal.objective.figure} (mean)`, scale: { zero: false }, axis: { format: AXIS_FORMAT } };
    const color = { field: 'status', type: 'nominal', scale: FEASIBLE, legend: { title: null, orient: 'top', labelLimit: 240 } };
    charts.push({
      name: 'tune-tradeoff',
      title: `${goal.objective.figure} against ${constraint.figure}`,
      caption: `Every candidate evaluated${several ? ', at each condition' : ''}: its ${constraint.figure} (with its 95% interval) and ${goal.objective.figure}. The shaded side of the dashed limit is where ${constraint.figure} ${constraint.op} ${constraint.limit}; a candidate counts only when its whole interval is there (green). The line is the Pareto front: no candidate is better on both. The ringed point is the answer.`,
      spec: facet(
        {
          width: WIDTH,
          height: several ? 200 : 300,
          layer: [
            { mark: { type: 'rect', color: '#33a02c', opacity: 0.08 }, transform: [{ filter: 'datum.shade === true' }], encoding: { x: { ...x, field: 'shadeFrom' }, x2: { field: 'shadeTo' } } },
            { mark: { type: 'rule', strokeDash: [5, 4], color: '#33a02c' }, transform: [{ filter: 'datum.shade === true' }], encoding: { x: { ...x, field: constraint.op === '<=' ? 'shadeTo' : 'shadeFrom' } } },
            { mark: { type: 'line', color: '#999', interpolate: 'step-after' }, transform: [{ filter: 'datum.front === true' }], encoding: { x, y } },
            { mark: { type: 'rule', opacity: 0.5 }, transform: [{ filter: 'datum.status != null' }], encoding: { x: { ...x, field: 'xLow' }, x2: { field: 'xHigh' }, y, color } },
            { mark: { type: 'point', filled: true, size: 45 }, transform: [{ filter: 'datum.status != null' }], encoding: { x, y, color } },
            { mark: { type: 'point', size: 260, strokeWidth: 2, color: '#e31a1c' }, transform: [{ filter: 'datum.chosen' }], encoding: { x, y } },
          ],
        },
        [...rows, ...front, ...shade],
      ),
    });
  }
  const path = searches.flatMap((s) =>
    s.evaluated.flatMap((e, i) => [...e.candidate].map(([parameter, value]) => ({ condition: s.condition, parameter, value, round: e.round, status: e.feasible ? FEASIBLE.domain[0] : FEASIBLE.domain[1], chosen: i === 0 }))),
  );
  // Parameters searched in ratios read best on a log axis.
  const positive = path.every((p) => p.value > 0);
  const names = searches[0].parameters;
  charts.push({
    name: 'tune-path',
    title: 'The search, round by round',
    caption: 'Each candidate\u2019s value of each parameter against the round it was run in (bisection: one candidate a round, closing in on the boundary; successive halving: fewer candidates a round, each with more replications, then the local search\u2019s steps around its answer, one batch a round). The ringed point is the answer.',
    spec: facet(
      {
        width: WIDTH,
        height: several ? 150 : 200,
        layer: [
          {
            mark: { type: 'point', filled: true, size: 45 },
            encoding: {
              x: { field: 'round', type: 'quantitative', title: 'round', axis: { tickMinStep: 1 } },
              y: { field: 'value', type: 'quantitative', title: names.length === 1 ? names[0] : 'value', scale: { type: positive ? 'log' : 'linear' }, axis: { format: AXIS_FORMAT } },
              color: { field: 'status', type: 'nominal', scale: FEASIBLE, legend: { title: null, orient: 'top', labelLimit: 240 } },
              shape: { field: 'parameter', type: 'nominal', legend: { title: null, orient: 'top', labelLimit: 240 } },
            },
          },
          { mark: { type: 'point', size: 260, strokeWidth: 2, color: '#e31a1c' }, transform: [{ filter: 'datum.chosen' }], encoding: { x: { field: 'round', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' } } },
        ],
      },
      path,
    ),
  });
  return charts;
}
