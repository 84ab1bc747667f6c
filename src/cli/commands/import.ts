import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { ExitCode } from '../io.js';
import { examples } from '../options.js';
import type { CommandContext } from './context.js';

const FORMATS = ['openmatch'] as const;

interface ImportOptions {
  readonly out: string;
  readonly score: string;
  readonly latencyPrefix: string;
  readonly from?: string;
  readonly to?: string;
  readonly speed: number;
}

/** matchsim import: a production log as a plain matchsim trace (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerImport(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('import')
    .description('write a production log\'s tickets as a plain matchsim trace CSV (typed columns, round trips as latency.<dc>), to inspect, edit and replay; never replaces a file')
    .argument('<format>', `the log's format: ${FORMATS.join(', ')}`)
    .argument('<file>', 'the log')
    .requiredOption('-o, --out <file>', 'the trace CSV to write (must not exist)')
    .option('--score <field>', 'the field that is a player\'s score', 'doubleArgs.mmr')
    .option('--latency-prefix <prefix>', 'doubleArgs named <prefix><dc> are round trips in ms to data centre <dc>', 'latency.')
    .option('--from <time>', 'only tickets created at or after this RFC 3339 time (time 0)')
    .option('--to <time>', 'only tickets created before this RFC 3339 time')
    .option('--speed <n>', 'replay this many times as fast', (text) => {
      const n = Number(text);
      if (!(n > 0) || !Number.isFinite(n)) throw new InputError('--speed', undefined, `${JSON.stringify(text.slice(0, 20))} is not a number > 0`);
      return n;
    }, 1)
    .addHelpText('after', examples('matchsim import openmatch tickets.jsonl -o tickets.csv', 'matchsim import openmatch tickets.jsonl -o evening.csv --from 2024-05-21T18:00:00Z --to 2024-05-21T22:00:00Z'))
    .exitOverride()
    .action(async (format: string, file: string, options: ImportOptions) => {
      if (!(FORMATS as readonly string[]).includes(format)) throw new InputError('<format>', undefined, `${JSON.stringify(format.slice(0, 20))} is not a format matchsim reads (${FORMATS.join(', ')})`);
      const [{ readOpenMatchTickets }, { traceCsv, traceColumnsDeclaration }, { writeFileAtomically }] = await Promise.all([
        import('../../scenarios/formats/openmatch.js'),
        import('../../scenarios/formats/import-trace.js'),
        import('../../reports/output-dir.js'),
      ]);
      const mapping = { score: options.score, latencyPrefix: options.latencyPrefix, speed: options.speed, ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) };
      const trace = readOpenMatchTickets(file, mapping);
      // A trace CSV carries no mark of its own: whatever is at the path is not replaced.
      writeFileAtomically(options.out, traceCsv(trace), () => false);
      const columns = traceColumnsDeclaration(trace);
      print(`wrote ${options.out}: ${trace.ids.length} players; replay it with "arrivals": ${JSON.stringify({ type: 'trace', file: options.out, columns })}\n`);
      setExitCode(ExitCode.OK);
    });
}
