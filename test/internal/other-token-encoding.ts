/**
 * Run by test/internal/cdk.test.ts in a process of its own: aws-cdk-lib with other token markers
 * (`${Tkn[…]}` for `${Token[…]}`), as a later release might encode tokens. CDK still resolves its
 * tokens; the guard must find the blog's leak through the public way.
 */
import * as fs from 'fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('module') as { _extensions: Record<string, (m: { _compile(code: string, file: string): void }, file: string) => void> };
const js = Module._extensions['.js'];
Module._extensions['.js'] = (m, file) => {
  if (!/aws-cdk-lib[\\/]core[\\/]lib[\\/]private[\\/]encoding\.js$/.test(file)) return js(m, file);
  m._compile(fs.readFileSync(file, 'utf-8').split('{Token[').join('{Tkn['), file);
};

/* eslint-disable import/first */
import { Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { assumptions } from '../../src/internal/cdk';
import { aspectFindings, l1Blog, newApp } from '../support/helpers';

const { app, stack } = newApp();
const b = l1Blog(stack);
new ec2.CfnRoute(stack, 'OnPrem', { routeTableId: b.pubRt.ref, destinationCidrBlock: '192.168.0.0/16', gatewayId: b.vgw.ref });
const findings = aspectFindings(app).map((r) => `${r.level} ${r.rule}`).sort();
console.log(JSON.stringify({ encoded: Token.asString(b.vgw.ref), tokenMarkers: assumptions().tokenMarkers, findings }));
