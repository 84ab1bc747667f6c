import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { writeDirectoryAtomically } from '../../reports/output-dir.js';
import { ExitCode } from '../io.js';
import { resultName, sideNames, examples } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim compare: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerCompare(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('compare')
    .description('put two to four results (runs or sweeps) side by side, figure by figure, each against the first, into a directory with compare.csv and report.html')
    .argument('<results...>', 'result directories (the first is the baseline), or their summary.json or sweep.json')
    .option('-o, --out <dir>', 'directory to write compare.csv and report.html into (default: results/compare-<A>-vs-<B>...)')
    .option('--no-charts', 'no charts in report.html (faster)')
    .option('--json', 'print the comparison as JSON instead of the table')
    .addHelpText(
      'after',
      `\nOutputs (in the directory):\n  compare.csv   every figure of each result against the first: a, b, b - a, change, test, p-value, significant, a_result, b_result\n  report.html   what differs between the resolved scenarios, field by field; key figures side by side with their intervals,\n                wait and spread CDFs overlaid (from the runs' players.csv and rooms.csv), and the significance tables\n  charts/       the charts as SVG and Vega-Lite JSON\nResults are named by their directories in tables and legends.\n` +
        examples('matchsim compare results/seed results/g25', 'matchsim compare results/seed results/anchor results/retry', 'matchsim compare baselines/seed.json results/seed -o results/seed-vs-baseline --json'),
    )
    .exitOverride()
    .action(async (paths: string[], options: { out?: string; charts: boolean; json?: boolean }) => {
      const [{ compareSides, comparisonCsv, MAX_SIDES }, { readResult }, { comparisonTable }, { writeCompareReport }] = await Promise.all([
        import('../../reports/compare.js'),
        import('../../reports/result-points.js'),
        import('../compare-table.js'),
        import('../../reports/compare-report.js'),
      ]);
      if (paths.length < 2 || paths.length > MAX_SIDES) {
        throw new InputError('compare', undefined, `takes 2 to ${MAX_SIDES} results (the first is the baseline); got ${paths.length}`);
      }
      if (options.out !== undefined && /\.csv$/i.test(options.out)) {
        throw new InputError('--out', undefined, `${options.out}: compare writes a directory (compare.csv and report.html go inside it); give a directory`);
      }
      const names = sideNames(paths);
      const outDir = options.out ?? join('results', `compare-${paths.map(resultName).join('-vs-')}`.slice(0, 200));
      // Everything is read and compared before the directory is touched: nothing comparable is exit 2, with nothing written.
      const sides = paths.map((p) => readResult(p));
      const comparison = compareSides(sides, names);
      await writeDirectoryAtomically(outDir, async (dir) => {
        writeFileSync(join(dir, 'compare.csv'), comparisonCsv(comparison));
        await writeCompareReport(dir, comparison, sides, options.charts);
      });
      print(options.json ? JSON.stringify(comparison, null, 2) + '\n' : comparisonTable(comparison, outDir));
      setExitCode(ExitCode.OK);
    });
}
