import { describeWindow, type WindowSpec } from '../engine/pool/window.js';
import { algorithmEntry } from '../algorithms/registry.js';
import type { MatcherSettings } from '../algorithms/algorithm-entry.js';

/** What a run's matcher was, as headers show it: a module by its file, an algorithm by its name and window. */
export function matcherLabel(matcher: { readonly algorithm: string; readonly module?: string; readonly window: WindowSpec; readonly roomSize: number; readonly service?: { readonly type: string } }): string {
  // An algorithm of its own rules (flexmatch) has no window to show: its rule set relaxes by its expansions.
  const own = matcher.module === undefined && algorithmEntry(matcher.algorithm)?.traits.ownRules === true;
  const what = matcher.module !== undefined ? `module ${matcher.module}` : own ? `${matcher.algorithm} rule set` : `${matcher.algorithm}, ${describeWindow(matcher.window)}`;
  const service = matcher.service?.type === 'retry' ? ', retry service' : '';
  // Rooms that vary in size (a rule set's teams between minPlayers and maxPlayers) say from how many.
  const smallest = matcher.module === undefined ? algorithmEntry(matcher.algorithm)?.smallestRoom?.(matcher as unknown as MatcherSettings) : undefined;
  const sizes = smallest !== undefined && smallest < matcher.roomSize ? `${smallest} to ${matcher.roomSize} players` : `${matcher.roomSize}`;
  return `${what}, rooms of ${sizes}${service}`;
}
