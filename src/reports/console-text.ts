import { oneLine } from '../errors.js';

/*
 * Console output is a CI surface too: GitHub Actions reads workflow commands
 * ("::error ...", "::add-mask::...", and the older "##[...]") from any line of
 * stdout that starts with one, after leading white space; Azure Pipelines
 * reads "##vso[". A label from a file (a swept string, a pool name, a figure
 * or parameter path) must never start such a line, nor break a line of its own.
 */

const COMMAND_START = /^(\s*)([:#])(?=[:#])/;

/** Defuses a workflow command at the start of a line: its first ":" or "#" is written as a \uXXXX escape. */
const defuse = (line: string): string => line.replace(COMMAND_START, (_, space: string, c: string) => `${space}\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A label from a file, for a console table: control characters (newlines among them) escaped, and a workflow command at its start defused. */
export function printable(text: string): string {
  return defuse(oneLine(text));
}

/** A table's text with every line that would start a workflow command defused: the guard at the point of printing. */
export function consoleSafe(text: string): string {
  return text.split('\n').map(defuse).join('\n');
}
