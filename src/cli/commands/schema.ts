import { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenarios/json-schema.js';
import { ExitCode } from '../io.js';
import { examples } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim schema: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerSchema(program: Command, cli: CommandContext): void {
  const { print, setExitCode } = cli;
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (the same as schema/scenario.schema.json)')
    .addHelpText('after', examples('matchsim schema > schema/scenario.schema.json'))
    .exitOverride()
    .action(() => {
      print(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      setExitCode(ExitCode.OK);
    });
}
