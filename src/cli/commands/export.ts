import { Command } from 'commander';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { ExitCode } from '../io.js';
import { examples, trustOf } from '../options.js';
import { TRUST_FLAG } from '../../scenarios/scenario-files.js';
import type { CommandContext } from './context.js';

const FORMATS = ['openmatch', 'flexmatch', 'nakama'] as const;

/** matchsim export: a run's arrivals as a production log (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerExport(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('export')
    .description("write a run's arrivals (generated, or replayed with --scenario) as a production log (what import and the log kinds read back as the same players), what became of each as the log's events; never replaces a file")
    .argument('<format>', `the log's format: ${FORMATS.join(', ')}`)
    .argument('<result>', 'the directory of a run (not a sweep, nor a population)')
    .requiredOption('-o, --out <file>', 'openmatch: the tickets file; flexmatch: the requests file; nakama: the log (must not exist)')
    .option('--events <file>', 'flexmatch: the events file (must not exist)')
    .option('--assignments <file>', 'openmatch: also an assignments log, when each matched ticket was assigned (must not exist)')
    .option('--scenario <file>', "a replayed run's scenario, to read its arrivals again (a log in one format exported in another)")
    .option(TRUST_FLAG, 'let that scenario name files outside its folder')
    .option('--start <time>', 'the RFC 3339 time of the run\'s time 0', '2024-01-01T00:00:00Z')
    .addHelpText('after', examples('matchsim run scenarios/seed.json -o results/seed && matchsim export openmatch results/seed -o tickets.jsonl', 'matchsim export flexmatch results/seed -o requests.jsonl --events events.jsonl', 'matchsim export nakama results/seed -o nakama.log'))
    .exitOverride()
    .action(async (format: string, result: string, options: { out: string; events?: string; assignments?: string; start: string; scenario?: string; trustScenario?: boolean }) => {
      if (!(FORMATS as readonly string[]).includes(format)) throw new InputError('<format>', undefined, `${JSON.stringify(format.slice(0, 20))} is not a format matchsim writes (${FORMATS.join(', ')})`);
      if (format === 'flexmatch' && options.events === undefined) throw new InputError('--events', undefined, 'required with flexmatch: the file its events go to');
      if (format !== 'flexmatch' && options.events !== undefined) throw new InputError('--events', undefined, `only with flexmatch (${format} writes no events)`);
      if (format !== 'openmatch' && options.assignments !== undefined) throw new InputError('--assignments', undefined, `only with openmatch (${format} has its matches in its own log)`);
      const [{ exportedPlayers }, logs, { parseRfc3339 }, { writeFileAtomically, checkFileReplaceable }] = await Promise.all([
        import('../../export-run.js'),
        import('../../scenarios/formats/export-log.js'),
        import('../../scenarios/formats/rfc3339.js'),
        import('../../reports/output-dir.js'),
      ]);
      const start = parseRfc3339(options.start);
      if (start === undefined) throw new InputError('--start', undefined, `${JSON.stringify(options.start.slice(0, 40))} is not an RFC 3339 time (2024-01-01T00:00:00Z)`);
      // A log carries no mark of its own: whatever is at a path is not replaced, and neither is written unless both can be.
      const second = format === 'flexmatch' ? options.events : options.assignments;
      const outputs = second !== undefined ? [options.out, second] : [options.out];
      for (const file of outputs) checkFileReplaceable(file, () => false);
      const { players, dataCentres, roomSize, acceptance } = exportedPlayers(result, options.scenario === undefined ? undefined : { file: options.scenario, trust: trustOf(options) });
      try {
        const texts = (): readonly [string, string | undefined] => {
          if (format === 'openmatch') return [logs.openMatchTickets(players, dataCentres, start), options.assignments !== undefined ? logs.openMatchAssignments(players, start) : undefined];
          if (format === 'nakama') return [logs.nakamaLog(players, dataCentres, start, roomSize), undefined];
          const { requests, events } = logs.flexMatchLog(players, dataCentres, start, acceptance);
          return [requests, events];
        };
        const [first, rest] = texts();
        writeFileAtomically(options.out, first, () => false);
        if (second !== undefined && rest !== undefined) {
          try {
            writeFileAtomically(second, rest, () => false);
          } catch (error) {
            // One file of a log without the other is half a log: the file this command just wrote goes too.
            rmSync(options.out, { force: true });
            throw error;
          }
        }
      } catch (error) {
        if (error instanceof logs.NotExportable) throw new InputError(join(result, 'summary.json'), error.field, error.message);
        throw error;
      }
      print(`wrote ${outputs.join(' and ')}: ${players.length} players of ${join(result)}\n`);
      setExitCode(ExitCode.OK);
    });
}
