import { awscdk, javascript } from 'projen';

/**
 * Lowest aws-cdk-lib with what the guard uses (`Validations.acknowledge`, `addWarningV2`). The
 * library compiles and its tests run against it (projen pins the development dependency to the
 * peer minimum), so it cannot use anything newer by accident.
 */
const MIN_CDK_VERSION = '2.257.0';
/** The current release, tested (`test:current-cdk`) and benchmarked from a scratch install. */
const CURRENT_CDK_VERSION = '2.276.0';
const CURRENT_CONSTRUCTS_VERSION = '10.5.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-nat-route-guard',
  packageName: 'cdk-nat-route-guard',
  description:
    'Synth-time guard for AWS CDK: reports every route that sends NAT gateway traffic to a VPN, Direct Connect or VPC peering target, and L3 VPCs that are compliant by construction.',
  author: 'cdk-nat-route-guard contributors',
  authorAddress: 'maintainers@cdk-nat-route-guard.dev',
  repositoryUrl: 'https://github.com/cdk-nat-route-guard/cdk-nat-route-guard.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  cdkVersion: MIN_CDK_VERSION,
  // The same floor as aws-cdk-lib's own peer range (2.257.0 asks for constructs ^10.5.0).
  constructsVersion: '10.5.0',
  // engines: the Node.js releases the library and its command line are tested on.
  minNodeVersion: '20.0.0',
  workflowNodeVersion: 'lts/*',
  jsiiVersion: '~6.0.0',
  keywords: ['cdk', 'awscdk', 'aws-cdk', 'vpc', 'nat-gateway', 'direct-connect', 'vpn', 'vpc-peering', 'aspect', 'validation'],
  stability: 'experimental',

  // jsii targets: only JavaScript can be packaged on the development machines,
  // but every language is configured for Construct Hub.
  publishToPypi: {
    distName: 'cdk-nat-route-guard',
    module: 'cdk_nat_route_guard',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdknatrouteguard',
    mavenGroupId: 'io.github.cdk-nat-route-guard',
    mavenArtifactId: 'cdk-nat-route-guard',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkNatRouteGuard',
    packageId: 'CdkNatRouteGuard',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-nat-route-guard/cdk-nat-route-guard-go',
  },

  // The development tsconfig lives at the top level, as the design card says.
  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    compilerOptions: {
      isolatedModules: true,
    },
  },

  // Lint src and test against the development tsconfig (the root one covers src only).
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test'],
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
  },

  // Runtime dependencies of a jsii library are bundled into its package.
  // yaml: CloudFormation templates in YAML, with line numbers (the template reader and the command line).
  bundledDeps: ['yaml@^2.9.1'],
  // The command line over templates and cloud assemblies.
  bin: { 'cdk-nat-route-guard': 'lib/doors/cli/main.js' },
  devDeps: [
    'aws-cdk@^2.1148.1',
    '@aws-cdk/aws-ec2-alpha@2.200.1-alpha.0',
    'fast-check@^4',
    // Stryker 10 needs Node 22; 9.6 is the last line that runs on Node 20.
    '@stryker-mutator/core@~9.6.1',
    '@stryker-mutator/jest-runner@~9.6.1',
    // The official SARIF 2.1.0 schema (MIT) and a jest matcher that validates against it.
    '@microsoft/jest-sarif@1.0.0-beta.0',
    // The Go binding's go.mod names the Go modules of aws-cdk-lib's dependencies at the versions
    // installed here. aws-cdk-lib 2.257.0's own Go module asks for cloud-assembly-schema 53.25.0,
    // the only v53 release the Go module proxy serves this project; a newer 53.x (npm's choice
    // within aws-cdk-lib's ^53.25.0) makes the binding's `go mod tidy` fail. Pinned here, it is the
    // one copy every package uses.
    '@aws-cdk/cloud-assembly-schema@53.25.0',
  ],
  jestOptions: {
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
      // Drops CDK's "Performing Policy Validations" banner from the log (test/support/quiet-cdk.ts).
      setupFiles: ['<rootDir>/test/support/quiet-cdk.ts'],
    },
  },
});


project.tsconfigDev.file.addOverride('include', ['src/**/*.ts', 'test/**/*.ts', '.projenrc.ts']);

project.gitignore.exclude('cdk.out', '/test/**/cdk.out', '/.demo-out/');

// `npm run demo`: the blog scenario, broken and then fixed, with the guard's findings.
project.addTask('demo', {
  description: 'Synthesize the bundled blog scenario (broken, then fixed) and print the guard findings',
  exec: 'ts-node --transpile-only --project tsconfig.dev.json test/demo/demo.ts',
});

// Longer campaigns, outside the normal test run.
project.addTask('test:differential', {
  description: 'Differential tests against the brute-force references: 200,000 topologies, 200,000 with transit gateways, and 200,000 templates with conditions',
  env: { NRG_DIFF_RUNS: '200000', NRG_WORLDS_RUNS: '200000', NRG_DIFF_SEED: 'random' },
  exec: 'jest --coverage=false test/analysis/differential.test.ts test/analysis/transit/differential.test.ts test/cloudformation/worlds-differential.test.ts',
});
project.addTask('test:mutation', {
  description: 'Mutation testing of src/analysis and src/net with Stryker (report in reports/mutation)',
  env: { NRG_DIFF_RUNS: '300', NRG_WORLDS_RUNS: '300' },
  exec: 'stryker run test/mutation/stryker.config.json',
});
project.addTask('test:mutation:transit', {
  description: 'Mutation testing of the transit gateway analysis (src/analysis/transit) against its own tests (report in reports/mutation-transit)',
  // The differential test at its default size (3,000 topologies): its checks that the generator
  // made enough of each shape are calibrated there.
  exec: 'stryker run test/mutation/stryker.transit.config.json',
});
project.gitignore.exclude('/reports/', '.stryker-tmp/', '.stryker-tmp-transit/');

/**
 * A scratch install of packages that must not enter the lock file: the current aws-cdk-lib (its
 * constructs peer is above the pinned minimum) and cdk-nag 3 for the benchmark.
 */
function scratchInstall(dir: string, packages: string[]): string {
  const marker = `${dir}/.installed-${packages.join('+').replace(/[^A-Za-z0-9.+@-]/g, '_')}`;
  return `test -f '${marker}' || (rm -rf ${dir} && npm install --prefix ${dir} --no-save --no-package-lock --no-audit --no-fund --loglevel=error ${packages.join(' ')} && touch '${marker}')`;
}
const CURRENT_PACKAGES = [`aws-cdk-lib@${CURRENT_CDK_VERSION}`, `constructs@${CURRENT_CONSTRUCTS_VERSION}`];

// `npm run test:current-cdk`: the guard's, the plugin's, the constructs' and the command line's
// tests on the current aws-cdk-lib too (the default run is on the peer minimum).
project.addTask('test:current-cdk', {
  description: `The guard, plugin, construct and command-line tests against aws-cdk-lib ${CURRENT_CDK_VERSION}`,
  env: { CDK_VALIDATION: 'false', NRG_CDK_RELEASE_DIR: '.current-cdk' },
  steps: [
    { name: `install aws-cdk-lib ${CURRENT_CDK_VERSION} into .current-cdk/`, exec: scratchInstall('.current-cdk', CURRENT_PACKAGES) },
    { exec: 'jest --config test/cdk-release/jest.config.js --silent test/doors test/readers test/constructs test/internal' },
  ],
});
project.gitignore.exclude('/.current-cdk/', '/.latest-cdk/', '/.bench-deps/', '/.min-cdk/', '/scratch/');
project.npmignore?.exclude('/.current-cdk/', '/.bench-deps/');

// `npm run test:latest-cdk`: the same tests against the newest aws-cdk-lib and constructs on the
// registry, installed afresh each run: a release that changes an internal the guard reads must
// be caught here (src/internal/cdk.ts), before users meet it.
project.addTask('test:latest-cdk', {
  description: 'The guard, plugin, construct, reader and command-line tests against the newest aws-cdk-lib on the registry',
  env: { CDK_VALIDATION: 'false', NRG_CDK_RELEASE_DIR: '.latest-cdk' },
  steps: [
    {
      name: 'install aws-cdk-lib@latest and constructs@latest into .latest-cdk/',
      exec: 'rm -rf .latest-cdk && npm install --prefix .latest-cdk --no-save --no-package-lock --no-audit --no-fund --loglevel=error aws-cdk-lib@latest constructs@latest && node -p "\'aws-cdk-lib \' + require(\'./.latest-cdk/node_modules/aws-cdk-lib/package.json\').version"',
    },
    { exec: 'jest --config test/cdk-release/jest.config.js --silent test/doors test/readers test/constructs test/internal' },
  ],
});
project.npmignore?.exclude('/.latest-cdk/');

// Development and CI run on Node.js 22 (.ci/run takes it from the npm registry where the machine
// has an older one: Node 20 is end of life). `npm run test:node20`: the whole test suite on Node.js
// 20 too, the oldest release the package's users may run (its engines floor, while aws-cdk-lib
// supports it), with Node 20 first on the PATH so the CLI tests' child processes use it as well.
const NODE20 = 'node@20';
project.addTask('test:node20', {
  description: 'The test suite on Node.js 20, the oldest the package supports',
  env: { CDK_VALIDATION: 'false' },
  steps: [
    {
      name: `install ${NODE20} into .node20/`,
      exec: `test -x .node20/node_modules/.bin/node || npm install --prefix .node20 --no-save --no-package-lock --no-audit --no-fund --loglevel=error ${NODE20}`,
    },
    {
      exec: 'PATH="$PWD/.node20/node_modules/.bin:$PATH" && node --version && node node_modules/jest/bin/jest.js --coverage=false --ci --silent',
    },
  ],
});
project.gitignore.exclude('/.node20/', '/.node22/');
project.npmignore?.exclude('/.node20/', '/.node22/');

// The npm tarball ships the library, its jsii assembly and its docs; nothing of the repository's
// own tooling (CI script, CDK context of the demo, benchmarks, scratch files).
// Every TypeScript snippet of the README and the doc comments must compile (jsii-rosetta, strict,
// fixtures in rosetta/), so Construct Hub shows each language; the translations ship as the
// assembly's tablet (.jsii.tabl.json), build output like .jsii.
project.postCompileTask.exec('jsii-rosetta extract --strict');
project.gitignore.exclude('.jsii.tabl.json');
project.npmignore?.exclude('/rosetta/');
project.npmignore?.exclude('/.ci/', '/docs/', '/cdk.context.json', '/BENCHMARKS.md', '/scratch/', '/reports/', '/.stryker-tmp/', '/.stryker-tmp-transit/', '/.demo-out/', '/.min-cdk/');

// Tests are about the guard, not about CDK's own template validation (which takes seconds per
// synth and fills the log of a green run with its warnings); the tests that need it turn it on.
project.testTask.env('CDK_VALIDATION', 'false');

// `npm run bench`: not part of the test suite; prints ratios measured in the same run.
// It measures on the current aws-cdk-lib, with cdk-nag 3, both from a scratch install.
project.addTask('bench', {
  description: 'Measure each door at synth against plain synth and cdk-nag, the analysis alone, the command line against cfn-lint and cfn-guard (see BENCHMARKS.md)',
  env: { TS_NODE_PROJECT: 'tsconfig.dev.json', NRG_CDK_RELEASE_DIR: '.bench-deps' },
  steps: [
    {
      name: 'install the current aws-cdk-lib, cdk-nag 3 and cfn-guard (the binary @cdklabs/cdk-validator-cfnguard ships) into .bench-deps/',
      exec: scratchInstall('.bench-deps', [...CURRENT_PACKAGES, 'cdk-nag@3.0.2', '@cdklabs/cdk-validator-cfnguard@0.0.62']),
    },
    { exec: 'node --expose-gc -r ./test/cdk-release/use-release.js -r ts-node/register/transpile-only test/bench/run.ts' },
  ],
});

// cfn-lint, pinned, from PyPI into a virtual environment of the project's (the construct tests
// lint what they synthesize). Where PyPI cannot be reached, the tests say they skip the check.
const CFN_LINT_VERSION = '1.51.0';
const installCfnLint = project.addTask('install:cfn-lint', {
  description: `Install cfn-lint ${CFN_LINT_VERSION} from PyPI into .cfn-lint/ (the tests skip its checks, visibly, without it)`,
  exec: `(.cfn-lint/bin/cfn-lint --version 2>/dev/null | grep -qx 'cfn-lint ${CFN_LINT_VERSION}') `
    + `|| (rm -rf .cfn-lint && python3 -m venv .cfn-lint && .cfn-lint/bin/pip install -q --disable-pip-version-check cfn-lint==${CFN_LINT_VERSION}) `
    + `|| echo 'cfn-lint ${CFN_LINT_VERSION} could not be installed from PyPI: the cfn-lint checks of synthesized templates will be SKIPPED'`,
});
project.testTask.prependSpawn(installCfnLint);
project.gitignore.exclude('/.cfn-lint/');

// The Python, Java and Go bindings, built by jsii-pacmak and used in CDK apps of those languages
// (test/bindings/). .NET stays configured but unbuilt: NuGet cannot be reached from here.
const BINDINGS = ['python', 'java', 'go'];
project.addTask('package:bindings', {
  description: 'Build the Python, Java and Go packages (jsii-pacmak) into dist/',
  steps: BINDINGS.map((l) => ({ spawn: `package:${l}` })),
});
project.addTask('test:bindings', {
  description: 'The Python, Java and Go packages in CDK apps of their languages, the README quick starts word for word, and the API reference of each language complete',
  env: { CDK_VALIDATION: 'false' },
  steps: [
    ...BINDINGS.map((l) => ({ name: `${l} app`, exec: `bash test/bindings/run.sh ${l}` })),
    {
      name: 'every API reference entry has a description, in every language',
      exec: BINDINGS.map((l) => `jsii-docgen -l ${l} -o .bindings/API.${l}.md`).join(' && ')
        + ' && ! grep -l "No description" .bindings/API.*.md API.md || (echo "an API entry has no description: document it" && exit 1)',
    },
  ],
});
project.gitignore.exclude('/.bindings/', '/test/bindings/java/target/', '/test/bindings/java/src/main/');
project.npmignore?.exclude('/.bindings/', '/.cfn-lint/');

// `npm run verify`: what CI runs. Under CI=true `projen build` packages JavaScript only; the
// bindings are built and tested after it.
project.addTask('typecheck-tests', {
  description: 'Type-check src and test with the development tsconfig',
  exec: 'tsc --noEmit -p tsconfig.dev.json',
});
project.addTask('verify', {
  description: 'jsii compile, every test, API.md current, the JavaScript, Python, Java and Go packages and their apps (what CI runs)',
  env: { CI: 'true' },
  steps: [
    { spawn: 'typecheck-tests' },
    { exec: 'projen build' },
    { name: 'the command line of the packed tarball, installed into a fresh folder', exec: 'NRG_REQUIRE_TARBALL=1 jest --coverage=false --silent test/package/installed-cli.test.ts' },
    { spawn: 'package:bindings' },
    { spawn: 'test:bindings' },
    { spawn: 'test:current-cdk' },
    { spawn: 'test:latest-cdk' },
    { spawn: 'test:node20' },
    {
      name: 'API.md is current',
      exec: 'git diff --exit-code -- API.md || (echo "API.md is out of date: run npx projen docgen and commit it" && exit 1)',
    },
  ],
});

project.synth();
