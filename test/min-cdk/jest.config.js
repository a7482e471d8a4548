// The guard's, the plugin's and the constructs' tests against the lowest aws-cdk-lib of the peer
// range (`npm run test:min-cdk`): the project's jest settings, with aws-cdk-lib and constructs
// taken from the scratch install in .min-cdk/ instead of the development release.
const path = require('path');
const root = path.join(__dirname, '..', '..');
const modules = path.join(root, '.min-cdk', 'node_modules');
const base = require(path.join(root, 'package.json')).jest;

module.exports = {
  ...base,
  rootDir: root,
  collectCoverage: false,
  coverageThreshold: undefined,
  reporters: ['default'],
  moduleNameMapper: {
    '^aws-cdk-lib$': path.join(modules, 'aws-cdk-lib'),
    '^aws-cdk-lib/(.*)$': path.join(modules, 'aws-cdk-lib', '$1'),
    '^constructs$': path.join(modules, 'constructs'),
  },
};
