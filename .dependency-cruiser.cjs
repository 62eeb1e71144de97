/**
 * The dependency rules of src/ and connectors/, checked in CI (`npm run depcheck`);
 * test/platform/dependency-rules.test.ts shows them catching a cycle.
 */
const FEATURE_INTERNALS = '(mongo|fake)-[a-z0-9-]+[.]ts$|[a-z0-9-]+-(routes|openapi)[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'Folders of src/ (features, the kernel, platform pieces) must not depend on each other in a cycle.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'kernel-stands-alone',
      comment: 'The kernel is what every feature shares; it imports nothing of theirs or of the platform.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: '^src/kernel/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'The AMQP contract ships with the ministry SDK: it imports only itself.',
      severity: 'error',
      from: { path: '^src/kernel/contracts/' },
      to: { path: '^(src|connectors|scripts|test)/', pathNot: '^src/kernel/contracts/' },
    },
    {
      name: 'platform-below-features',
      comment: 'The platform serves every feature and knows none of them.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/(platform|kernel)/' },
    },
    {
      name: 'no-feature-internals',
      comment:
        "A feature uses another's services and types, never its store adapters, fakes, routes or OpenAPI parts; src/features.ts wires them.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: '^src/(kernel|platform)/' },
      to: { path: `^src/.*/(${FEATURE_INTERNALS})`, pathNot: '^src/$1/' },
    },
    {
      name: 'embedded-store-behind-storage',
      comment: 'Only the storage platform starts the embedded store.',
      severity: 'error',
      from: { path: '^(src|connectors)/', pathNot: '^src/platform/(storage|embedded-store)/' },
      to: { path: '^src/platform/embedded-store/' },
    },
    {
      name: 'service-never-imports-connectors',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(connectors|scripts|test)/' },
    },
    {
      name: 'sdk-on-contracts-only',
      comment: 'The ministry SDK can be handed over with src/kernel/contracts and amqplib, nothing else of ours.',
      severity: 'error',
      from: { path: '^connectors/sdk/' },
      to: { path: '^(src|connectors|scripts|test)/', pathNot: '^(connectors/sdk|src/kernel/contracts)/' },
    },
    {
      name: 'reference-connectors-on-sdk-only',
      severity: 'error',
      from: { path: '^connectors/reference/' },
      to: { path: '^(src|connectors|scripts|test)/', pathNot: '^connectors/(sdk|reference)/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
  },
};
