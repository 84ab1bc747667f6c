import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULT_MARKER } from '../../src/reports/output-dir.js';
import { BIN, cli, seedScenario, tempDir, tree, writeFiles } from '../fixtures/helpers.js';

const bin = BIN;
const small = { ...seedScenario, duration: 60 };

/** The built CLI in its own process, in `cwd`: for what depends on the current directory, and for runs at the same time. */
function matchsim(cwd: string, ...args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

function oneCleanLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^matchsim: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('output directories: matchsim replaces only what it wrote', () => {
  it('refuses -o . and -o .. in directories that hold other files, before any work, and touches nothing', () => {
    const home = writeFiles({ 'notes.txt': 'mine', 'project/s.json': small, 'project/keep.md': 'mine too' });
    const project = join(home, 'project');
    const before = tree(home);
    for (const out of ['.', '..']) {
      const r = matchsim(project, 'run', 's.json', '-o', out, '--no-charts');
      expect(r.code, out).toBe(2);
      expect(oneCleanLine(r.stderr)).toMatch(/is the current directory or holds it: choose a directory of its own for the results/);
    }
    expect(tree(home)).toEqual(before);
    expect(readdirSync(home).sort()).toEqual(['notes.txt', 'project']);
  });

  it('refuses a directory of the user\'s files, a regular file, a symbolic link and the root, with one line and exit 2', async () => {
    const dir = writeFiles({ 's.json': small, 'Documents/thesis.tex': 'years of work', 'notes.txt': 'mine' });
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    symlinkSync(join(dir, 'Documents'), join(dir, 'docs-link'));
    const before = { thesis: readFileSync(join(dir, 'Documents/thesis.tex'), 'utf8'), notes: readFileSync(join(dir, 'notes.txt'), 'utf8') };
    const cases: Array<[string, RegExp]> = [
      [join(dir, 'Documents'), /Documents: holds 1 entry matchsim did not write \("thesis\.tex"\); matchsim replaces only an empty directory or a result it wrote: choose another -o$/],
      [join(dir, 'notes.txt'), /notes\.txt: is a file, not a result directory; matchsim replaces only/],
      [join(dir, 'dangling'), /dangling: is a symbolic link; matchsim replaces only/],
      [join(dir, 'docs-link'), /docs-link: is a symbolic link; matchsim replaces only/],
      ['/', /\/: is the root directory/],
    ];
    for (const [out, message] of cases) {
      const r = await cli('run', join(dir, 's.json'), '-o', out, '--no-charts');
      expect(r.code, out).toBe(2);
      expect(oneCleanLine(r.stderr)).toMatch(message);
    }
    expect({ thesis: readFileSync(join(dir, 'Documents/thesis.tex'), 'utf8'), notes: readFileSync(join(dir, 'notes.txt'), 'utf8') }).toEqual(before);
    expect(readdirSync(join(dir, 'Documents'))).toEqual(['thesis.tex']);
    expect(readdirSync(dir).sort()).toEqual(['Documents', 'dangling', 'docs-link', 'notes.txt', 's.json']);
  });

  it('writes into an empty directory, replaces its own result, and refuses its own result once the user added a file to it', async () => {
    const dir = writeFiles({ 's.json': small });
    mkdirSync(join(dir, 'out'));
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts')).code).toBe(0);
    const marker = JSON.parse(readFileSync(join(dir, 'out', RESULT_MARKER), 'utf8'));
    expect(marker).toEqual({ matchsim: 'result', entries: readdirSync(join(dir, 'out')).filter((e) => e !== RESULT_MARKER).sort() });
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--seed', '5')).code).toBe(0);
    writeFileSync(join(dir, 'out', 'my-analysis.ipynb'), '{}');
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    expect(r.code).toBe(2);
    expect(oneCleanLine(r.stderr)).toMatch(/out: is a matchsim result, but also holds "my-analysis\.ipynb", which matchsim did not write/);
    expect(readFileSync(join(dir, 'out', 'my-analysis.ipynb'), 'utf8')).toBe('{}');
  });

  it('tells a result of an older matchsim (no marker) from a directory of other files, and leaves a lock it did not make alone', async () => {
    const dir = writeFiles({ 's.json': small, 'old/summary.json': '{}', 'old/rooms.csv': '' });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'old'), '--no-charts');
    expect(r.code).toBe(2);
    expect(oneCleanLine(r.stderr)).toMatch(/old: looks like a result of an older matchsim, which left no \.matchsim-result marker \(remove it yourself if it is\); matchsim replaces only/);
    expect(readdirSync(join(dir, 'old')).sort()).toEqual(['rooms.csv', 'summary.json']);
    writeFileSync(join(dir, '.new.lock'), '');
    const locked = await cli('run', join(dir, 's.json'), '-o', join(dir, 'new'), '--no-charts');
    expect(locked.code).toBe(2);
    expect(oneCleanLine(locked.stderr)).toMatch(/new: cannot be locked: .*\.new\.lock exists and was not made by matchsim; remove it if nothing is writing there$/);
    expect(readFileSync(join(dir, '.new.lock'), 'utf8')).toBe('');
  });

  const asNobody = process.getuid?.() === 0 && spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', 'true']).status === 0;
  it.skipIf(!asNobody)('names a permission failure in one line, exit 4, for run and compare (as the user nobody; skipped where that cannot be done)', () => {
    const dir = writeFiles({ 's.json': small, 'locked/.keep': '' });
    execFileSync('chmod', ['755', dir]);
    execFileSync('chmod', ['555', join(dir, 'locked')]);
    execFileSync('chmod', ['644', join(dir, 's.json')]);
    const as = (args: string) => spawnSync('su', ['nobody', '-s', '/bin/sh', '-c', `cd ${dir} && ${process.execPath} ${bin} ${args}`], { encoding: 'utf8' });
    const run = as('run s.json -o locked/out --no-charts');
    expect(run.status).toBe(4);
    expect(oneCleanLine(run.stderr)).toBe('matchsim: cannot write locked/out: permission denied (EACCES)');
    const compare = as(`compare ${join(process.cwd(), 'baselines/seed.json')} ${join(process.cwd(), 'baselines/seed.json')} -o locked/c --no-charts`);
    expect(compare.status).toBe(4);
    expect(oneCleanLine(compare.stderr)).toMatch(/^matchsim: cannot [a-z ]+ locked\/?[^ ]*: permission denied \(EACCES\)$/);
  });

  it('removes leftovers of killed runs into the same target, and only those', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const dir = writeFiles({
      's.json': small,
      [`.out.tmp-${dead}-AbC123/rooms.csv`]: 'half',
      [`.out.old-${dead}-xyZ789/previous/${RESULT_MARKER}`]: '{}',
      [`.out.tmp-${process.pid}-live01/rooms.csv`]: 'a run of this process',
      [`.other.tmp-${dead}-AbC123/rooms.csv`]: 'another target',
      '.out.tmp-notes/mine.txt': 'not matchsim\'s name',
      '.out.lock': `matchsim lock ${dead}\n`,
      [`.out.lock.${dead}`]: `matchsim lock ${dead}\n`,
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`.other.tmp-${dead}-AbC123`, '.out.tmp-notes', `.out.tmp-${process.pid}-live01`, 'out', 's.json'].sort());
  });

  it('of two runs into the same -o at once, each ends cleanly: one writes, the other says the target is busy', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 3000, arrivals: { type: 'poisson', rate: 20 } } });
    for (let round = 0; round < 3; round++) {
      const start = () =>
        new Promise<{ code: number | null; stderr: string }>((done) => {
          const child = spawn(process.execPath, [bin, 'run', 's.json', '-o', 'out', '--no-charts'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('exit', (code) => done({ code, stderr }));
        });
      const results = await Promise.all([start(), start()]);
      expect(results.some((r) => r.code === 0)).toBe(true);
      for (const r of results) {
        if (r.code === 0) continue;
        expect(r.code).toBe(4);
        expect(oneCleanLine(r.stderr)).toMatch(/out is being written by another matchsim \(process \d+\): wait for it to finish, or choose another -o \(if no matchsim runs, remove .*\.out\.lock\)$/);
      }
      expect(readdirSync(dir).sort()).toEqual(['out', 's.json']);
      expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(true);
    }
  });

  it('takes any name mkdir takes: a 255-byte -o (and a multi-byte one) runs, twice, with nothing left beside it', async () => {
    const dir = writeFiles({ 's.json': small });
    for (const name of ['r'.repeat(255), 'é'.repeat(127)]) {
      mkdirSync(join(dir, name));
      for (let k = 0; k < 2; k++) {
        const r = await cli('run', join(dir, 's.json'), '-o', join(dir, name), '--no-charts');
        expect(r.code, r.stderr).toBe(0);
        expect(existsSync(join(dir, name, 'summary.json'))).toBe(true);
      }
    }
    expect(readdirSync(dir).sort()).toEqual(['r'.repeat(255), 's.json', 'é'.repeat(127)].sort());
  });

  it('names the path and the cause of a file-system failure in one line, exit 4: a name too long, a folder under a file', async () => {
    const dir = writeFiles({ 's.json': small, 'afile': 'x' });
    const long = await cli('run', join(dir, 's.json'), '-o', join(dir, 'x'.repeat(300)), '--no-charts');
    expect(long.code).toBe(4);
    expect(oneCleanLine(long.stderr)).toMatch(/file name too long \(ENAMETOOLONG\)$/);
    const under = await cli('run', join(dir, 's.json'), '-o', join(dir, 'afile', 'out'), '--no-charts');
    expect(under.code).toBe(4);
    expect(oneCleanLine(under.stderr)).toMatch(/afile.* is not a directory$/);
    expect(readdirSync(dir).sort()).toEqual(['afile', 's.json']);
  });

  it('compare -o and check --junit refuse to replace what matchsim did not write, and name a missing folder they cannot make', async () => {
    const dir = writeFiles({ 's.json': small, 'notes.csv': 'mine\n', 'afile': 'x', 'e.json': { rooms: { min: 1 } }, 'mine/keep.txt': 'mine\n' });
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts')).code).toBe(0);
    // compare writes a directory: a folder of the user's is never replaced, and a file name is refused.
    const r = await cli('compare', join(dir, 'a'), join(dir, 'a'), '-o', join(dir, 'mine'), '--no-charts');
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'mine', 'keep.txt'), 'utf8')).toBe('mine\n');
    const csv = await cli('compare', join(dir, 'a'), join(dir, 'a'), '-o', join(dir, 'notes.csv'));
    expect(csv.code).toBe(2);
    expect(oneCleanLine(csv.stderr)).toMatch(/--out: .*notes\.csv: compare writes a directory/);
    expect(readFileSync(join(dir, 'notes.csv'), 'utf8')).toBe('mine\n');
    const ok = await cli('compare', join(dir, 'a'), join(dir, 'a'), '-o', join(dir, 'c'), '--no-charts');
    expect(ok.code).toBe(0);
    expect((await cli('compare', join(dir, 'a'), join(dir, 'a'), '-o', join(dir, 'c'), '--no-charts')).code).toBe(0);
    const junit = await cli('check', join(dir, 's.json'), '--from', join(dir, 'a'), '--expect', join(dir, 'e.json'), '--junit', join(dir, 'notes.csv'));
    expect(junit.code).toBe(2);
    expect(oneCleanLine(junit.stderr)).toMatch(/notes\.csv: exists and is not a file matchsim wrote/);
    expect(readFileSync(join(dir, 'notes.csv'), 'utf8')).toBe('mine\n');
    const bad = await cli('compare', join(dir, 'a'), join(dir, 'a'), '-o', join(dir, 'afile', 'c'), '--no-charts');
    expect(bad.code).toBe(4);
    expect(oneCleanLine(bad.stderr)).toMatch(/^matchsim: cannot write .*afile\/c: .*afile is not a directory$/);
  });
});

/** A small file system of its own, where this machine lets the tests mount one (as root on Linux). */
function mountTmpfs(options: string): string | undefined {
  const dir = tempDir();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return dir;
  } catch {
    return undefined;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted) spawnSync('umount', [dir]);
});
const canMount = mountTmpfs('size=64k') !== undefined;

describe.skipIf(!canMount)('a full disk and a read-only mount (skipped where no tmpfs can be mounted)', () => {
  it('ends a run on a full disk in one line naming the file and ENOSPC, exit 4, nothing left behind', async () => {
    const disk = mountTmpfs('size=256k') as string;
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 3000 } });
    for (const extra of [[], ['--csv-workers', '0'], ['--replications', '2', '--workers', '0']]) {
      const r = await cli('run', join(dir, 's.json'), '-o', join(disk, 'out'), ...extra);
      expect(r.code, r.stderr).toBe(4);
      expect(oneCleanLine(r.stderr)).toMatch(/^matchsim: cannot write .*out.*: no space left on device \(ENOSPC\)$/);
      expect(readdirSync(disk)).toEqual([]);
    }
  });

  it('leaves no lock behind on a disk too full to hold even the lock', async () => {
    const disk = mountTmpfs('size=64k') as string;
    writeFileSync(join(disk, 'fill'), Buffer.alloc(60 * 1024));
    // Whatever room is left, taken: the lock's write itself must fail.
    for (let k = 0; ; k++) {
      try {
        writeFileSync(join(disk, `fill-${k}`), Buffer.alloc(1024));
      } catch {
        break;
      }
    }
    const names = readdirSync(disk);
    const dir = writeFiles({ 's.json': small });
    const r = await cli('run', join(dir, 's.json'), '-o', join(disk, 'out'), '--no-charts');
    expect(r.code, r.stderr).toBe(4);
    expect(oneCleanLine(r.stderr)).toMatch(/no space left on device \(ENOSPC\)$/);
    expect(readdirSync(disk)).toEqual(names);
  });

  it('the CSV worker threads report ENOSPC itself (the built CLI, a big run)', () => {
    const disk = mountTmpfs('size=1m') as string;
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 5000, arrivals: { type: 'poisson', rate: 50 } } });
    const r = matchsim(dir, 'run', 's.json', '-o', join(disk, 'out'), '--csv-workers', '2', '--no-charts');
    expect(r.code, r.stderr).toBe(4);
    expect(oneCleanLine(r.stderr)).toMatch(/no space left on device \(ENOSPC\)$/);
    expect(readdirSync(disk)).toEqual([]);
  });

  it('names a read-only mount in one line, exit 4', async () => {
    const ro = mountTmpfs('size=64k,ro') as string;
    const dir = writeFiles({ 's.json': small });
    const r = await cli('run', join(dir, 's.json'), '-o', join(ro, 'out'));
    expect(r.code).toBe(4);
    expect(oneCleanLine(r.stderr)).toMatch(/read-only file system \(EROFS\)$/);
  });
});

/** Starts the built CLI on a long run and signals it once its temporary result directory exists. */
async function interrupt(signal: 'SIGINT' | 'SIGTERM', args: string[], dir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  // Wait until the run has started writing (its temporary directory is there), then interrupt it.
  for (let i = 0; i < 400 && !readdirSync(dir).some((n) => n.includes('.tmp-')); i++) await new Promise((r) => setTimeout(r, 25));
  expect(readdirSync(dir).some((n) => n.includes('.tmp-')), 'the run never started writing').toBe(true);
  child.kill(signal);
  return { code: await exited, stderr };
}

describe('an interrupted run', () => {
  // A run of about a million players: long enough to be interrupted in the middle.
  const long = { ...seedScenario, duration: 20000, arrivals: { type: 'poisson', rate: 50 } };

  it('exits 130 on SIGINT and leaves no result directory, half-written or temporary', async () => {
    const dir = writeFiles({ 's.json': long });
    const r = await interrupt('SIGINT', ['run', join(dir, 's.json'), '-o', join(dir, 'out')], dir);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/matchsim: interrupted \(SIGINT\); nothing half-written is left/);
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  // Below the size that runs on a worker thread, and slow (a pool that grows to every player, none within another's window): it runs on the main thread for half a minute.
  const slow = { ...seedScenario, duration: 3500, drain: 10, arrivals: { type: 'poisson', rate: 55 }, scores: { type: 'normal', mean: 1500, sd: 1e8 }, matcher: { algorithm: 'seed', roomSize: 3, windowGrowth: 0.000001 } };
  const onMainThread: Array<[string, 'SIGINT' | 'SIGTERM', number, string[]]> = [
    ['a single run', 'SIGTERM', 143, ['run', 's.json', '-o', 'out', '--no-charts']],
    ['a sweep with --workers 0', 'SIGINT', 130, ['run', 's.json', '-o', 'out', '--no-charts', '--set', 'replications=2', '--workers', '0']],
    ['a tuning', 'SIGTERM', 143, ['tune', 's.json', '-o', 'out', '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=0.000001..0.00001', '--budget', '4', '--replications', '1']],
  ];
  for (const [what, signal, code, args] of onMainThread) {
    it(`answers ${signal} at once on the main thread too: ${what}`, async () => {
      const dir = writeFiles({ 's.json': slow });
      const r = await interrupt(signal, args.map((a) => (a === 's.json' || a === 'out' ? join(dir, a) : a)), dir);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(new RegExp(`matchsim: interrupted \\(${signal}\\); nothing half-written is left\n$`));
      expect(readdirSync(dir)).toEqual(['s.json']);
    });
  }

  it('exits 143 on SIGTERM, in the middle of a sweep on worker threads, and leaves an earlier result untouched', async () => {
    const dir = writeFiles({ 's.json': { ...long, duration: 4000, replications: 4 }, 'out/summary.json': '{"old": true}\n', 'out/.matchsim-result': { matchsim: 'result', entries: ['summary.json'] } });
    const r = await interrupt('SIGTERM', ['run', join(dir, 's.json'), '-o', join(dir, 'out'), '--workers', '2'], dir);
    expect(r.code).toBe(143);
    expect(readdirSync(dir).sort()).toEqual(['out', 's.json']);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.matchsim-result', 'summary.json']);
    expect(existsSync(join(dir, 'out', 'points'))).toBe(false);
  });
});
