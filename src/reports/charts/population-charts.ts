import { matchSides } from '../../algorithms/registry.js';
import type { ResolvedScenario } from '../../scenarios/load.js';
import type { PopulationReportData } from '../population-report-data.js';
import type { PopulationSummary } from '../population-summary.js';
import { fmt, pct } from '../html.js';
import { AXIS_FORMAT, BINNED_AXIS, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';
import { timeAxis } from './scenario-charts.js';

const base = { $schema: SCHEMA, config: CONFIG };

/** The charts of a closed population: do ratings learn skill, are their predictions honest, who is online, who waits, who stays. */
export function populationCharts(scenario: ResolvedScenario, data: PopulationReportData, summary: PopulationSummary): Chart[] {
  const charts: Chart[] = [];
  const population = scenario.population;
  if (population === undefined) return charts;
  const matchOn = population.matchOn === 'skill' ? ' The matcher sees true skill here, not the rating.' : '';
  if (data.convergence.length > 0) {
    const axis = timeAxis(scenario, 'time');
    const panel = (figure: string, title: string, color: string, scale: Record<string, unknown>) => ({
      width: WIDTH / 2 - 40,
      height: HEIGHT,
      transform: [{ filter: `datum.figure === '${figure}'` }, ...axis.transform],
      mark: { type: 'line', color, strokeWidth: 2, point: { size: 12, color } },
      encoding: { x: axis.x, y: { field: 'value', type: 'quantitative', title, scale, axis: { format: AXIS_FORMAT } } },
    });
    const c = summary.convergence;
    charts.push({
      name: 'rating-convergence',
      title: 'Ratings against true skill',
      caption: `Left: Pearson's correlation between every player's ${population.rating.system} rating and true skill (1 is a perfect ranking; absent while every rating is still the same). Right: their root mean square difference, in rating points. At the end: correlation ${fmt(c.correlation)}, RMSE ${fmt(c.rmse)}.${matchOn}`,
      spec: { ...base, data: { values: data.convergence }, hconcat: [panel('correlation', 'correlation with true skill', '#1f78b4', { domain: [-1, 1], nice: false }), panel('RMSE', 'RMSE (rating points)', '#e31a1c', { zero: true })] },
    });
  }
  if (data.calibration.length > 0) {
    charts.push({
      name: 'calibration',
      title: 'Predicted against actual win rate',
      caption: `Each dot: pairs of sides whose favourite (by the ratings before the match) had about that predicted chance to win, against how often it won; bigger dots, more pairs. On the diagonal, predictions are honest; below it, the ratings are overconfident; above it, underconfident (as early in a cold start, before the ratings have spread out). Mean gap (pair-weighted): ${fmt(summary.calibration.error)}.`,
      spec: {
        ...base,
        width: HEIGHT + 80,
        height: HEIGHT + 80,
        layer: [
          {
            data: { values: [{ x: 0.5, y: 0.5 }, { x: 1, y: 1 }] },
            mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
            encoding: { x: { field: 'x', type: 'quantitative', scale: { domain: [0.5, 1] }, title: 'predicted chance of the favourite' }, y: { field: 'y', type: 'quantitative', scale: { domain: [0, 1] }, title: 'how often it won' } },
          },
          {
            data: { values: data.calibration },
            mark: { type: 'circle', color: '#6a3d9a', opacity: 0.8 },
            encoding: {
              x: { field: 'predicted', type: 'quantitative' },
              y: { field: 'actual', type: 'quantitative' },
              size: { field: 'pairs', type: 'quantitative', title: 'pairs', scale: { range: [20, 400] } },
              tooltip: [{ field: 'predicted' }, { field: 'actual' }, { field: 'pairs' }],
            },
          },
        ],
      },
    });
  }
  if (data.concurrency.length > 0) {
    const axis = timeAxis(scenario, 'time');
    const online = summary.concurrency.online;
    charts.push({
      name: 'concurrency',
      title: 'Who is online',
      caption: `Players in a match, in the pool and queued (stacked), and online in all (the line), averaged over buckets of time. Online: mean ${fmt(online.mean)}, peak ${fmt(online.max)} of ${summary.players}. With few online, every match taken out shrinks the pool.`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 20,
        data: { values: data.concurrency },
        transform: axis.transform,
        layer: [
          {
            transform: [{ filter: "datum.state !== 'online'" }],
            mark: { type: 'area', opacity: 0.8 },
            encoding: {
              x: axis.x,
              y: { field: 'players', type: 'quantitative', stack: 'zero', title: 'players' },
              color: { field: 'state', type: 'nominal', title: null, scale: { domain: ['in a match', 'in the pool', 'queued', 'online'], range: ['#b2df8a', '#fdbf6f', '#fb9a99', '#333'] }, legend: { orient: 'top' } },
              order: { field: 'state', sort: 'descending' },
            },
          },
          { transform: [{ filter: "datum.state === 'online'" }], mark: { type: 'line', color: '#333', strokeWidth: 1.5 }, encoding: { x: axis.x, y: { field: 'players', type: 'quantitative' } } },
        ],
      },
    });
  }
  const w = data.waitsByUncertainty;
  if (w.bands.length > 0) {
    const byWhat = w.by === 'uncertainty' ? `rating uncertainty when they queued (${population.rating.system === 'glicko2' ? 'RD' : 'sigma'})` : 'matches played before they queued (Elo keeps no uncertainty)';
    const waits = summary.waits;
    charts.push({
      name: 'waits-by-uncertainty',
      title: w.by === 'uncertainty' ? 'Waits by rating uncertainty' : 'Waits by matches played',
      caption: `Wait p50 and p95 of each visit to the queue, by the player's ${byWhat}. New players (fewer than ${population.newPlayerMatches} matches) wait p95 ${fmt(waits.new.p95)} s; established ones ${fmt(waits.established.p95)} s. Early in a cold start everybody is new, and few are online.`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        data: { values: w.bands },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: { field: 'band', type: 'ordinal', sort: { field: 'order' }, title: w.by === 'uncertainty' ? 'uncertainty band' : 'matches played before', axis: { labelAngle: 0 } },
          y: { field: 'wait', type: 'quantitative', title: 'wait (s)', axis: { format: AXIS_FORMAT } },
          color: { field: 'figure', type: 'nominal', title: null, scale: { domain: ['p50', 'p95'], range: ['#1f78b4', '#ff7f00'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'band' }, { field: 'figure' }, { field: 'wait' }, { field: 'visits' }],
        },
      },
    });
  }
  if (data.favourite.length > 0) {
    const sides = matchSides(scenario.matcher);
    charts.push({
      name: 'favourite',
      title: 'How even the matches are',
      caption: `Matches by the true-skill favourite's chance to win (from the outcome model: 50% is a fair game between two sides, 1/${sides} among ${sides}). Blowouts (the winner out-performing the last side by ${population.outcome.blowout} points or more): ${pct(summary.blowoutRate)} of matches.`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        data: { values: data.favourite },
        mark: { type: 'bar', color: '#fdbf6f', stroke: '#333', strokeWidth: 0.3 },
        encoding: {
          x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: "favourite's win chance (%)", axis: BINNED_AXIS },
          x2: { field: 'end' },
          y: { field: 'count', type: 'quantitative', title: 'matches' },
        },
      },
    });
  }
  if (data.retention) {
    const axis = timeAxis(scenario, 'time');
    charts.push({
      name: 'retention',
      title: 'Who stays',
      caption: `The share of each quartile of true skill who have not quit, over time. Kept at the end: ${pct(summary.retention)} of all players (churn after each match: a logistic function of loss, blowout and wait).`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        data: { values: data.retention },
        transform: axis.transform,
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: axis.x,
          y: { field: 'share', type: 'quantitative', title: 'share still playing', ...SHARE_SCALE },
          // Quartiles are ordered: light to dark, weakest to strongest.
          color: { field: 'band', type: 'ordinal', title: 'true skill', sort: null, scale: { scheme: { name: 'blues', extent: [0.35, 1] } }, legend: { orient: 'top' } },
        },
      },
    });
  }
  return charts;
}
