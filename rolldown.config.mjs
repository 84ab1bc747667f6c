// The CLI and its worker threads as a few files: one module graph to load instead of hundreds.
// vega and vega-lite land in chunks of their own, loaded only when charts are drawn.
export default {
  input: {
    matchsim: 'dist/bin/matchsim.js',
    'task-worker': 'dist/src/sweep/task-worker.js',
    'csv-worker': 'dist/src/reports/csv-worker.js',
  },
  platform: 'node',
  // DuckDB is a native, optional peer dependency: imported from where the user installed it, when --tables parquet asks for it.
  external: [/^@duckdb\//],
  // jsonc-parser's "main" is a UMD build that requires its parts at run time; its "module" is plain ESM.
  resolve: { mainFields: ['module', 'main'] },
  output: { dir: 'dist/bundle', format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true },
};
