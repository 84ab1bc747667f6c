import type { RunModule } from './run-module.js';

/** Tells the caller after every tick how far the run is: for a progress line, never for a result. */
export const progress: RunModule = {
  name: 'progress',
  part(config) {
    const tell = config.progress;
    if (tell === undefined) return undefined;
    return {
      start: (run) => ({ ticked: (now) => tell(now, run.connections.opened) }),
    };
  },
};
