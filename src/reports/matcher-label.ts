import { describeWindow, type WindowSpec } from '../engine/pool/window.js';

/** What a run's matcher was, as headers show it: a module by its file, an algorithm by its name and window. */
export function matcherLabel(matcher: { readonly algorithm: string; readonly module?: string; readonly window: WindowSpec; readonly roomSize: number; readonly service?: { readonly type: string } }): string {
  const what = matcher.module !== undefined ? `module ${matcher.module}` : `${matcher.algorithm}, ${describeWindow(matcher.window)}`;
  const service = matcher.service?.type === 'retry' ? ', retry service' : '';
  return `${what}, rooms of ${matcher.roomSize}${service}`;
}
