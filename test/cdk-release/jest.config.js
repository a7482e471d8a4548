// The tests against another aws-cdk-lib release than the development one (`npm run
// test:current-cdk`): the project's jest settings, with aws-cdk-lib and constructs taken from the
// scratch install named by NRG_CDK_RELEASE_DIR (for example .current-cdk/).
const path = require('path');
const root = path.join(__dirname, '..', '..');
const dir = process.env.NRG_CDK_RELEASE_DIR;
if (!dir) throw new Error('NRG_CDK_RELEASE_DIR names the scratch install of the aws-cdk-lib release to test against');
const modules = path.join(root, dir, 'node_modules');
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
