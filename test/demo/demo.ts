/**
 * `npm run demo`: synthesize the blog scenario broken, then fixed, and print the guard's findings.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BlogVariant, ON_PREMISES, buildBlogApp } from './blog-app';

function run(variant: BlogVariant, title: string) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `nrg-demo-${variant}-`));
  const assembly = buildBlogApp(variant, outdir).synth();
  const messages = assembly.stacks.flatMap((s) => s.messages).filter((m) => String(m.entry.data).startsWith('[NRG-'));
  console.log(`\n=== ${title}`);
  if (messages.length === 0) {
    console.log('No findings: NAT gateway traffic never reaches the VPN or Direct Connect.');
    return;
  }
  console.log(`${messages.length} finding(s):`);
  for (const m of messages) {
    console.log(`\n  ${m.level.toUpperCase()} at ${m.id}\n  ${String(m.entry.data)}`);
  }
}

console.log('cdk-nat-route-guard demo: a VPC with a public NAT gateway and a virtual private gateway (VPN / Direct Connect).');
run('broken', `Broken: the NAT gateway's (public) route table sends ${ON_PREMISES} to the VGW`);
run('fixed', `Fixed by hand: the private route tables send ${ON_PREMISES} straight to the VGW`);
run('hybrid', `Fixed by construction: new HybridVpc(stack, 'Vpc', { onPremisesCidrs: ['${ON_PREMISES}'] })`);
