/**
 * Runs the matchsim CLI in this process and reports, on the last line of
 * stderr, its wall time and peak resident memory (threads included) as JSON.
 */
import { main } from '../src/cli/program.js';

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: () => {}, stderr: (t) => void process.stderr.write(t) });
const seconds = (performance.now() - started) / 1000;
process.stderr.write(`${JSON.stringify({ code, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
process.exitCode = code;
