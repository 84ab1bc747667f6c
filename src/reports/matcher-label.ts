import { describeWindow, type WindowSpec } from '../engine/pool/window.js';

/** What a run's matcher was, as headers show it: a module by its file, an algorithm by its name and window. */
export function matcherLabel(matcher: { readonly algorithm: string; readonly module?: string; readonly window?: WindowSpec; readonly windowGrowth: number; readonly roomSize: number }): string {
  const what = matcher.module !== undefined ? `module ${matcher.module}` : `${matcher.algorithm}, ${describeWindow(matcher.window ?? { type: 'linear', growth: matcher.windowGrowth })}`;
  return `${what}, rooms of ${matcher.roomSize}`;
}
