// The bundle of the CLI and its worker threads, quietly: rolldown's command line prints a table of
// every chunk on every build, which says nothing a build that succeeds needs to say.
import { chmodSync } from 'node:fs';
import { build } from 'rolldown';
import config from '../rolldown.config.mjs';

await build({ ...config, logLevel: 'silent' });
for (const file of ['dist/bundle/matchsim.js', 'dist/bin/matchsim.js']) chmodSync(file, 0o755);
