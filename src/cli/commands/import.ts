import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { ExitCode } from '../io.js';
import { examples } from '../options.js';
import type { CommandContext } from './context.js';

/** What each reader takes besides its files: the window, the copies, bad lines, and the mapping of fields. */
interface ReadOptions {
  readonly score: string;
  readonly latencyPrefix: string;
  readonly speed: number;
  readonly onBadLine: 'error' | 'skip';
  readonly scale?: { readonly copies: number; readonly seconds: number; readonly score: number; readonly seed: number };
  readonly from?: string;
  readonly to?: string;
  readonly fields?: Readonly<Record<string, string>>;
}

/** Each format: the files it reads, its score field by default, and its reader (imported only when it runs). */
const FORMATS = {
  openmatch: { files: ['tickets'], optional: ['assignments'], score: 'doubleArgs.mmr', read: async (files: readonly string[], o: ReadOptions) => (await import('../../scenarios/formats/openmatch.js')).readOpenMatchTickets(files[0], o, files[1]) },
  flexmatch: { files: ['requests', 'events'], optional: [], score: 'skill', read: async (files: readonly string[], o: ReadOptions) => (await import('../../scenarios/formats/flexmatch.js')).readFlexMatch(files[0], files[1], o) },
  nakama: { files: ['log'], optional: [], score: 'numeric_properties.skill', read: async (files: readonly string[], o: ReadOptions) => (await import('../../scenarios/formats/nakama.js')).readNakamaLog(files[0], o) },
} as const;
type Format = keyof typeof FORMATS;

interface ImportOptions {
  readonly out: string;
  readonly score?: string;
  readonly latencyPrefix: string;
  readonly from?: string;
  readonly to?: string;
  readonly speed: number;
  readonly copies: number;
  readonly copySeconds: number;
  readonly copyScore: number;
  readonly copySeed: number;
  readonly onBadLine: 'error' | 'skip';
  readonly field: Readonly<Record<string, string>>;
}

/** A number option within bounds, or a one-line refusal naming it. */
function numberOption(option: string, low: number, high: number, whole = false): (text: string) => number {
  return (text) => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < low || n > high || (whole && !Number.isInteger(n))) throw new InputError(option, undefined, `${JSON.stringify(text.slice(0, 20))} is not a ${whole ? 'whole ' : ''}number from ${low} to ${high}`);
    return n;
  };
}

/** matchsim import: a production log as a plain matchsim trace (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerImport(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('import')
    .description('write a production log\'s tickets as a plain matchsim trace CSV (typed columns, round trips as latency.<dc>), to inspect, edit and replay; never replaces a file')
    .argument('<format>', `the log's format: ${Object.keys(FORMATS).join(', ')}`)
    .argument('<files...>', 'the log: openmatch, its tickets (and optionally its assignments); flexmatch, its requests and its events; nakama, its debug log')
    .requiredOption('-o, --out <file>', 'the trace CSV to write (must not exist)')
    .option('--score <field>', 'the field that is a player\'s score (default: openmatch doubleArgs.mmr, flexmatch skill, nakama numeric_properties.skill)')
    .option('--latency-prefix <prefix>', 'openmatch doubleArgs, nakama numeric_properties, named <prefix><dc> are round trips in ms to data centre <dc>', 'latency.')
    .option('--from <time>', 'only tickets created at or after this RFC 3339 time (time 0)')
    .option('--to <time>', 'only tickets created before this RFC 3339 time')
    .option('--speed <n>', 'replay this many times as fast', numberOption('--speed', 1e-6, 1e6), 1)
    .option('--copies <n>', 'tickets in all per ticket of the log (the scenario\'s scale.copies)', numberOption('--copies', 1, 100, true), 1)
    .option('--copy-seconds <s>', 'a copy arrives up to this many seconds after its ticket', numberOption('--copy-seconds', 0, 3600), 2)
    .option('--copy-score <sd>', 'a copy\'s score is its ticket\'s plus a normal of this sd', numberOption('--copy-score', 0, 1e6), 0)
    .option('--copy-seed <n>', 'the seed of the copies\' draws', numberOption('--copy-seed', -2147483648, 2147483647, true), 1)
    .option('--on-bad-line <how>', 'error (default): a bad line stops the import; skip: passed over, and counted', (text) => {
      if (text !== 'error' && text !== 'skip') throw new InputError('--on-bad-line', undefined, `${JSON.stringify(text.slice(0, 20))} is not error or skip`);
      return text;
    }, 'error')
    .option('--field <column=field>', 'name a column for a field of the log (the scenario\'s arrivals.fields), e.g. region=stringArgs.region_code; repeatable', (text: string, previous: Record<string, string>) => {
      const at = text.indexOf('=');
      if (at <= 0 || at === text.length - 1) throw new InputError('--field', undefined, `${JSON.stringify(text.slice(0, 40))} is not column=field`);
      const column = text.slice(0, at);
      if (Object.hasOwn(previous, column)) throw new InputError('--field', undefined, `column ${JSON.stringify(column.slice(0, 40))} is named twice`);
      return Object.assign(Object.create(null) as Record<string, string>, previous, { [column]: text.slice(at + 1) });
    }, Object.create(null) as Record<string, string>)
    .addHelpText('after', examples('matchsim import openmatch tickets.jsonl -o tickets.csv', 'matchsim import flexmatch requests.jsonl events.jsonl -o evening.csv --from 2024-05-21T18:00:00Z --to 2024-05-21T22:00:00Z', 'matchsim import nakama nakama.log -o nakama.csv'))
    .exitOverride()
    .action(async (format: string, files: string[], options: ImportOptions) => {
      if (!Object.hasOwn(FORMATS, format)) throw new InputError('<format>', undefined, `${JSON.stringify(format.slice(0, 20))} is not a format matchsim reads (${Object.keys(FORMATS).join(', ')})`);
      const spec = FORMATS[format as Format];
      const most = spec.files.length + spec.optional.length;
      if (files.length < spec.files.length || files.length > most) {
        const reads = spec.optional.length > 0 ? `${spec.files.join(' and ')}, and optionally ${spec.optional.join(' and ')}` : `${spec.files.length === 1 ? 'one file' : `${spec.files.length} files`}, ${spec.files.join(' and ')}`;
        throw new InputError('<files...>', undefined, `${format} reads ${reads}; got ${files.length}`);
      }
      const [{ traceCsv, traceColumnsDeclaration }, { writeFileAtomically }] = await Promise.all([import('../../scenarios/formats/import-trace.js'), import('../../reports/output-dir.js')]);
      const trace = await spec.read(files, {
        score: options.score ?? spec.score,
        latencyPrefix: options.latencyPrefix,
        speed: options.speed,
        onBadLine: options.onBadLine,
        ...(options.copies > 1 ? { scale: { copies: options.copies, seconds: options.copySeconds, score: options.copyScore, seed: options.copySeed } } : {}),
        ...(options.from !== undefined ? { from: options.from } : {}),
        ...(options.to !== undefined ? { to: options.to } : {}),
        ...(Object.keys(options.field).length > 0 ? { fields: options.field } : {}),
      });
      // A trace CSV carries no mark of its own: whatever is at the path is not replaced.
      writeFileAtomically(options.out, traceCsv(trace), () => false);
      const columns = traceColumnsDeclaration(trace);
      const skipped = trace.skippedLines === undefined ? '' : ` (${trace.skippedLines} bad lines skipped)`;
      print(`wrote ${options.out}: ${trace.ids.length} players${skipped}; replay it with "arrivals": ${JSON.stringify({ type: 'trace', file: options.out, columns })}\n`);
      setExitCode(ExitCode.OK);
    });
}
