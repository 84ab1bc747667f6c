import { closest, distance } from 'fastest-levenshtein';
import { parse as parseTolerant, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type * as z from 'zod';
import { excerpt, InputError } from '../errors.js';
import { attributeColumnsOf } from './trace-columns.js';
import { MAX_BYTES, readText } from './read-text.js';
import { checkDataFileSize, checkSize, estimatePlayers } from './estimate.js';
import type { CreateMatcher } from '../engine/pool/user-module.js';
import { fieldsAt, typesWithField } from './json-schema.js';
import { applyOverrides, type Override } from './overrides.js';
import { scenarioSchema, type ParsedScenario } from './schema.js';
import { partyProblems, type ResolvedMatcher } from './schema/matcher.js';
import { unknownFilterAttributes } from './filter-check.js';
import { empiricalKey, type EmpiricalValues } from './scores.js';
import { columnList, readNumberColumn, type Trace } from './trace.js';
import { scenarioSource } from './sources/source-kinds.js';
import { scenarioFile, UNTRUSTED, type ScenarioTrust } from './scenario-files.js';

/** A scenario with every default filled in: what a run used, and what summary.json records. */
export type ResolvedScenario = ParsedScenario & { readonly duration: number };

export interface LoadedScenario {
  /** The scenario file, as given. */
  readonly file: string;
  /** What the user allowed the scenario beyond its folder (code, outside files): --trust-scenario. */
  readonly trust: ScenarioTrust;
  readonly scenario: ResolvedScenario;
  /** The recorded arrivals the scenario's source kind replays (a trace), read and checked. */
  readonly trace?: Trace;
  /** Values of empirical score distributions, read and checked. */
  readonly empirical: EmpiricalValues;
  /** Players the run is expected to bring, estimated once: for sizing decisions (threads, limits), not for results. */
  readonly expectedPlayers: number;
  /** The matcher module, once loadMatcherModule has loaded it. */
  readonly userModule?: { readonly name: string; readonly create: CreateMatcher; readonly options: Readonly<Record<string, unknown>> };
}

/** More ticks than this is a mistake in the scenario, not a simulation. */
export const MAX_TICKS = 50_000_000;
/** The most convergence samples a population run takes (each recounts every player). */
export const MAX_SAMPLES = 100_000;

/** A trace's parties must fit the scenario's rooms (or teams), under an algorithm that holds parties: the largest is named, by its first player. */
function checkRecordedParties(file: string, trace: Trace, matcher: ResolvedMatcher): void {
  const sizes = trace.parties?.sizes;
  if (sizes === undefined) return;
  let largest = 0;
  for (let i = 0; i < sizes.length; i++) if (sizes[i] > sizes[largest]) largest = i;
  const [fit, held] = partyProblems(matcher, sizes[largest]);
  const party = `party ${excerpt(trace.parties?.keys[largest] ?? '')}`;
  if (fit !== undefined) throw new InputError(trace.file, party, `${fit} of the scenario`);
  if (held !== undefined) throw new InputError(file, 'matcher.algorithm', `${held}: the trace's ${party} has ${sizes[largest]} players`);
}

/** Reads, overrides, validates and resolves a scenario file. Throws InputError naming the file and field. */
export function loadScenario(file: string, overrides: readonly Override[] = [], trust: ScenarioTrust = UNTRUSTED): LoadedScenario {
  return resolveScenario(file, applyOverrides(readScenarioDocument(file, 'scenario', trust), overrides), overrides, trust);
}

/** Reads a scenario file (or another JSON file of settings: `what` names it) as a JSON document, unvalidated. */
export function readScenarioDocument(file: string, what = 'scenario', trust: ScenarioTrust = UNTRUSTED): unknown {
  const document = parseJson(file, readText(file, what, MAX_BYTES.scenario));
  return what === 'scenario' ? withRuleSetInline(file, document, trust) : document;
}

/**
 * A FlexMatch rule set named by its file (matcher.flexmatch.ruleSet: "5v5.json", under the
 * scenario-file rules) read into the document, so that everything after (overrides, sweeps,
 * summary.json) sees the rule set itself, as GameLift takes it; `//` comments are allowed, as
 * in the guide's examples. A rule set that is not JSON is an error naming its file.
 */
function withRuleSetInline(file: string, document: unknown, trust: ScenarioTrust): unknown {
  const matcher = isRecord(document) ? document.matcher : undefined;
  const own = isRecord(matcher) ? matcher.flexmatch : undefined;
  const given = isRecord(own) ? own.ruleSet : undefined;
  if (typeof given !== 'string') return document;
  const path = scenarioFile(file, 'matcher.flexmatch.ruleSet', given, trust);
  const errors: ParseError[] = [];
  const ruleSet: unknown = parseTolerant(readText(path, 'FlexMatch rule set', MAX_BYTES.scenario), errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) throw new InputError(path, undefined, `not a JSON rule set: ${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}`);
  if (depthOf(ruleSet, MAX_DEPTH) > MAX_DEPTH) throw new InputError(path, undefined, `nests more than ${MAX_DEPTH} levels deep`);
  const doc = document as Record<string, unknown>;
  return { ...doc, matcher: { ...(matcher as Record<string, unknown>), flexmatch: { ...(own as Record<string, unknown>), ruleSet } } };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Validates and resolves an already-parsed scenario document (`file` locates traces and names errors). */
export function resolveScenario(file: string, document: unknown, overrides: readonly Override[] = [], trust: ScenarioTrust = UNTRUSTED): LoadedScenario {
  const parsed = scenarioSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.map((issue) => issueError(file, issue, overrides));
    first.related = rest;
    throw first;
  }
  const scenario = parsed.data;
  const { trace, empirical } = readScenarioData(file, scenario, trust);
  let duration = scenario.duration;
  if (trace !== undefined) {
    const columns = attributeColumnsOf(trace).map((c) => c.name);
    const [unknown] = unknownFilterAttributes(scenario.matcher, (name) => columns.includes(name));
    if (unknown !== undefined) {
      throw new InputError(file, unknown.path.join('.'), `${excerpt(unknown.attribute)} is not a column of the trace (its extra columns: ${columnList(columns)})`);
    }
    scenarioSource(scenario)?.checkRecorded(trace, scenario, file);
    checkRecordedParties(file, trace, scenario.matcher);
    const last = trace.times.length > 0 ? trace.times[trace.times.length - 1] : 0;
    if (duration === undefined) {
      duration = Math.max(scenario.tick, Math.ceil(last / scenario.tick - 1e-9) * scenario.tick);
    } else if (last > duration) {
      throw new InputError(file, 'duration', `${duration} ends before the trace's last arrival at ${last}`);
    }
  }
  if (duration === undefined) throw new InputError(file, 'duration', 'required');
  const ticks = (duration + scenario.drain) / scenario.tick;
  if (ticks > MAX_TICKS) {
    throw new InputError(file, 'tick', `(duration + drain) / tick is ${Math.round(ticks)} ticks; at most ${MAX_TICKS} are allowed`);
  }
  // A retrying request is a clock of its own: it may try every delay seconds for the whole run.
  const service = scenario.matcher.service;
  if (service.type === 'retry' && (duration + scenario.drain) / service.delay > MAX_TICKS) {
    throw new InputError(file, 'matcher.service.delay', `${service.delay} s lets one request try ${Math.round((duration + scenario.drain) / service.delay).toLocaleString('en-US')} times over the run; at most ${MAX_TICKS.toLocaleString('en-US')} attempts are allowed (a longer delay)`);
  }
  // Each convergence sample recounts every player.
  const every = scenario.population?.sampleEvery;
  if (every !== undefined && (duration + scenario.drain) / every > MAX_SAMPLES) {
    throw new InputError(file, 'population.sampleEvery', `${every} s takes ${Math.round((duration + scenario.drain) / every).toLocaleString('en-US')} convergence samples; at most ${MAX_SAMPLES.toLocaleString('en-US')} are taken in one run`);
  }
  const expectedPlayers = estimatePlayers({ ...scenario, duration }, { trace, empirical });
  checkSize(file, expectedPlayers, undefined, scenario.population === undefined ? 'arrivals' : 'population');
  return { file, trust, scenario: { ...scenario, duration }, trace, empirical, expectedPlayers };
}

/**
 * The files a scenario's arrivals and scores come from, read and checked:
 * when it is resolved, and again by a thread given the resolved scenario
 * (a trace is read once per thread, see readTrace).
 */
export function readScenarioData(file: string, scenario: ParsedScenario, trust: ScenarioTrust = UNTRUSTED): Pick<LoadedScenario, 'trace' | 'empirical'> {
  let trace: Trace | undefined;
  const empirical = new Map<string, Float64Array>();
  const source = scenarioSource(scenario);
  // A source's files are read together (a log of requests and its events), in the order it lists them.
  const recorded: string[] = [];
  for (const data of scenarioDataFiles(scenario)) {
    const path = scenarioFile(file, data.field, data.file, trust);
    checkDataFileSize(path, data.what);
    if (data.column === undefined) recorded.push(path);
    else empirical.set(empiricalKey(data.file, data.column), readNumberColumn(path, data.column));
  }
  if (recorded.length > 0) trace = source?.read(recorded);
  return { trace, empirical };
}

/**
 * The data files a scenario reads, as it names them: the recorded arrivals
 * its source kind replays (no column), and score files (scores of arrivals,
 * or a population's true skills, resampled from a column).
 */
export function scenarioDataFiles(scenario: ParsedScenario): Array<{ readonly field: string; readonly file: string; readonly what: string; readonly column?: string }> {
  const files: Array<{ field: string; file: string; what: string; column?: string }> = [...(scenarioSource(scenario)?.files() ?? [])];
  for (const [field, spec] of [['scores', scenario.scores], ['population.skill', scenario.population?.skill]] as const) {
    if (spec?.type === 'empirical') files.push({ field: `${field}.file`, file: spec.file, what: 'score file', column: spec.column });
  }
  return files;
}

/** Scenarios nest a few levels; anything deeper is refused before recursive code (validation, copies) meets it. */
export const MAX_DEPTH = 64;

/** How deeply a parsed JSON value nests, counted without recursion; stops counting past `limit`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function parseJson(file: string, body: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    // JSON.parse does not always say where; jsonc-parser, in strict mode, does (unless nesting exhausts its stack).
    const errors: ParseError[] = [];
    try {
      parseTolerant(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch {
      throw new InputError(file, undefined, `invalid JSON: ${(error as Error).message}`);
    }
    const first = errors[0];
    if (first === undefined) throw new InputError(file, undefined, `invalid JSON: ${(error as Error).message}`);
    const before = body.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    const what = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    throw new InputError(file, `line ${line}, column ${column}`, `invalid JSON: ${what}`);
  }
  if (depthOf(parsed, MAX_DEPTH) > MAX_DEPTH) throw new InputError(file, undefined, `nested more than ${MAX_DEPTH} levels deep`);
  refuseDuplicateKeys(file, body);
  return parsed;
}

/** A key given twice in one object: JSON.parse keeps the last without a word, so a scenario could say two things at once. */
function refuseDuplicateKeys(file: string, body: string): void {
  const objects: Array<Set<string>> = [];
  let duplicate: { key: string; line: number; column: number } | undefined;
  visit(body, {
    onObjectBegin: () => void objects.push(new Set()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty: (key, _offset, _length, line, column) => {
      const keys = objects[objects.length - 1];
      if (duplicate === undefined && keys.has(key)) duplicate = { key, line: line + 1, column: column + 1 };
      keys.add(key);
    },
  });
  if (duplicate !== undefined) {
    throw new InputError(file, `line ${duplicate.line}, column ${duplicate.column}`, `${excerpt(duplicate.key)} is given twice in the same object; give each field once`);
  }
}

/** One zod issue as a one-line InputError naming the file (or the command-line option that set the field) and the field. */
export function issueError(file: string, issue: z.core.$ZodIssue, overrides: readonly Override[] = []): InputError {
  let path = issue.path.map(String);
  let detail = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    detail = `required (${issue.expected})`;
  } else if (issue.code === 'invalid_type' && typeof issue.input === 'number' && !Number.isFinite(issue.input) && (issue.expected === 'number' || issue.expected === 'int')) {
    // What JSON.parse makes of a number too large for a double, such as 1e400.
    detail = 'must be a finite number';
  } else if (issue.code === 'invalid_type') {
    const word = issue.expected === 'int' ? 'whole number' : issue.expected;
    detail = `must be ${article(word)} ${word}`;
  } else if (issue.code === 'unrecognized_keys') {
    detail = `unknown field${suggestion(path, issue.keys[0])}`;
    path = [...path, issue.keys[0]];
  } else if (issue.code === 'invalid_union' && !('options' in issue) && meaningfulBranch(issue.errors) !== undefined) {
    // One branch took the value's type and refused it for a reason: that reason, not zod's "Invalid input".
    const inner = meaningfulBranch(issue.errors)!;
    return issueError(file, { ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, overrides);
  } else if (issue.code === 'invalid_union' && !('options' in issue) && expectedTypes(issue.errors) !== undefined) {
    detail = `must be ${expectedTypes(issue.errors)}`;
  } else if (issue.code === 'invalid_union' && 'options' in issue) {
    detail = `expected one of ${(issue.options as unknown[]).map((o) => JSON.stringify(o)).join(', ')}`;
  } else if (issue.code === 'invalid_key' && issue.issues.length > 0) {
    // A record key broke its own rule: say that rule, not zod's generic "Invalid key in record".
    detail = issue.issues[0].message;
  } else if (issue.code === 'invalid_value') {
    detail = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (issue.input !== undefined && issue.code !== 'unrecognized_keys' && typeof issue.input !== 'object') {
    // JSON.stringify says null for Infinity (what JSON.parse makes of 1e400); a string is shown short, whatever its length.
    const input = issue.input;
    const got = typeof input === 'string' ? excerpt(input) : typeof input === 'number' && !Number.isFinite(input) ? String(input) : (JSON.stringify(input) ?? String(input));
    detail += ` (got ${got})`;
  }
  // A field's name is the user's too: each part short.
  const field = path.map((p) => (p.length > 40 ? `${p.slice(0, 40)}...` : p)).join('.');
  // An error in a field set on the command line belongs to that option, not to the file.
  const override = [...overrides].reverse().find((o) => field === o.path.join('.') || field.startsWith(o.path.join('.') + '.'));
  if (override) return new InputError(override.option, field, detail);
  return new InputError(file, field || undefined, detail);
}

/** The one branch of a union that took the value's type (its first issue is another, or lies inside the value), if exactly one did. */
function meaningfulBranch(branches: ReadonlyArray<readonly z.core.$ZodIssue[]>): z.core.$ZodIssue | undefined {
  const typed = branches.filter((issues) => issues.length > 0 && (issues[0].code !== 'invalid_type' || issues[0].path.length > 0));
  return typed.length === 1 ? typed[0][0] : undefined;
}

/** The types a union's branches expected, when the value is of none of them: "an object or an array". */
function expectedTypes(branches: ReadonlyArray<readonly z.core.$ZodIssue[]>): string | undefined {
  const firsts = branches.map((issues) => issues[0]);
  if (firsts.some((issue) => issue === undefined || issue.code !== 'invalid_type' || issue.path.length > 0)) return undefined;
  const words = [...new Set(firsts.map((issue) => (issue as z.core.$ZodIssueInvalidType).expected as string))];
  return words.map((word) => `${article(word)} ${word}`).join(' or ');
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** ' (did you mean "x"?)' when a known field at `path` is a likely misspelling of `key`. */
function suggestion(path: readonly string[], key: string): string {
  const known = fieldsAt(path).filter((k) => k !== '$schema');
  if (known.length === 0) return '';
  if (known.includes(key)) {
    // Known, but to another variant of a union: say which, not "did you mean" the same name.
    const types = typesWithField(path, key);
    return types.length > 0 ? ` for this type ("${key}" is a field of type ${types.map((t) => `"${t}"`).join(', ')})` : ' here';
  }
  const best = closest(key, known);
  return distance(key.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? ` (did you mean "${best}"?)` : `; expected one of ${known.join(', ')}`;
}
