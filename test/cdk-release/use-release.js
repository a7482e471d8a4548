// `node -r ./test/cdk-release/use-release.js …`: aws-cdk-lib, constructs and cdk-nag come from the
// scratch install named by NRG_CDK_RELEASE_DIR (the benchmark measures the current release, with
// cdk-nag 3, while the development dependency is the peer minimum). Child processes inherit it.
const Module = require('module');
const path = require('path');
const dir = process.env.NRG_CDK_RELEASE_DIR;
if (dir) {
  const modules = path.resolve(__dirname, '..', '..', dir, 'node_modules');
  const redirected = /^(aws-cdk-lib|constructs|cdk-nag)(\/|$)/;
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, isMain, options) {
    if (redirected.test(request)) return resolve.call(this, request, parent, isMain, { ...options, paths: [modules] });
    return resolve.call(this, request, parent, isMain, options);
  };
}
