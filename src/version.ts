/** The matchsim that wrote a result: summary.json, sweep.json and tune.json record it (test/version.test.ts holds it to package.json's). */
export const MATCHSIM_VERSION = '0.1.0';
