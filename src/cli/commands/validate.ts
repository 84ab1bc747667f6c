import { Command } from 'commander';
import { InputError } from '../../errors.js';
import { readScenarioDocument, resolveScenario } from '../../scenarios/load.js';
import { checkMatcherModule } from '../../scenarios/matcher-module.js';
import { TRUST_FLAG } from '../../scenarios/scenario-files.js';
import { isSweep, planSweep } from '../../sweep/plan.js';
import { ExitCode } from '../io.js';
import { trustOf, examples } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim validate: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerValidate(program: Command, cli: CommandContext): void {
  const { io, print, setExitCode } = cli;
  program
    .command('validate')
    .description('check scenario files (traces and sweep points included) without running them')
    .argument('<files...>', 'scenario JSON files')
    .option(TRUST_FLAG, 'let the scenarios name files outside their folders (validate never runs a matcher module: it checks that the file is there)')
    .addHelpText('after', examples('matchsim validate scenarios/*.json', 'matchsim validate --trust-scenario scenarios/fifo-module.json'))
    .exitOverride()
    .action(async (files: string[], options: { trustScenario?: boolean }) => {
      let bad = 0;
      for (const file of files) {
        try {
          const document = readScenarioDocument(file, 'scenario', trustOf(options)) as Record<string, unknown>;
          const loaded = resolveScenario(file, document, [], trustOf(options));
          checkMatcherModule(loaded);
          const plan = isSweep(loaded.scenario) ? planSweep(file, document, loaded.scenario, loaded.trust) : undefined;
          print(`ok  ${file}${plan ? ` (a sweep of ${plan.points.length} points x ${plan.seeds.length} seeds)` : ''}\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          bad++;
          for (const e of [error, ...error.related]) io.stderr(`matchsim: ${e.message}\n`);
        }
      }
      setExitCode(bad > 0 ? ExitCode.BAD_INPUT : ExitCode.OK);
    });
}
