/**
 * `npm test` runs this (scripts/check-imports.mjs): no import circles among any package's source files, and
 * plugins depend on the plugin contract only. See docs/decisions/0016-two-entries-and-no-import-circles.md.
 * Type-only imports count too (tsPreCompilationDeps): a circle of types is still two modules that cannot be
 * understood, moved or tested apart.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: split the shared part into its own module that both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'plugin-imports-only-the-contract',
      severity: 'error',
      comment:
        "A plugin's code imports @harmoniq/core (the contract) and npm packages only: never @harmoniq/core/pipeline " +
        "or /testing, another plugin, the CLI, Plex or testkit. The Last.fm client (@harmoniq/lastfm) is a " +
        'library the two Last.fm plugins share, itself bound by the same rule.',
      from: { path: '^(plugins/[^/]+|packages/lastfm)/src/' },
      to: {
        path: '^(plugins|packages)/',
        pathNot: ['^$1/src/', '^packages/core/src/index\\.ts$', '^packages/lastfm/src/index\\.ts$'],
      },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.test.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|test|node_modules)/' },
  },
};
