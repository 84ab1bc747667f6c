import { Command } from 'commander';
import { relative } from 'node:path';
import { type TemplateName } from '../init.js';
import { ExitCode } from '../io.js';
import { parseTemplate, examples } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim init: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerInit(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('init')
    .description('write a starter scenario NAME.json in the current folder, its $schema pointing at the installed schema so that an editor completes every field; never replaces a file')
    .argument('[name]', 'the scenario\'s name and file name (default: scenario)')
    .option('--template <template>', 'run (one run), population (players who come back), teams (5v5 with parties) or sweep (window growth, replicated)', parseTemplate, 'run' as TemplateName)
    .addHelpText('after', examples('matchsim init', 'matchsim init night --template population && matchsim run night.json'))
    .exitOverride()
    .action(async (name: string | undefined, options: { template: TemplateName }) => {
      const { initScenario } = await import('../init.js');
      const file = initScenario(name ?? 'scenario', options.template, process.cwd());
      const shown = relative(process.cwd(), file);
      print(`wrote ${shown} (template ${options.template}); run it with: matchsim run ${shown}\n`);
      setExitCode(ExitCode.OK);
    });
}
