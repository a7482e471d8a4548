/**
 * The blog scenario: a public NAT gateway whose subnet's route table sends 192.168.1.0/24 to
 * the virtual private gateway. `broken` puts the route there; `fixed` routes the range from the
 * private subnets instead; `hybrid` builds the same VPC with `HybridVpc`, compliant by construction.
 */
import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { HybridVpc, NatRouteGuard } from '../../src';

export const ON_PREMISES = '192.168.1.0/24';

/** The blog's VPC: two AZs, one public NAT gateway, a virtual private gateway. */
export function blogVpc(stack: Stack, props: Partial<ec2.VpcProps> = {}): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
    maxAzs: 2,
    natGateways: 1,
    vpnGateway: true,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
    ...props,
  });
}

export type BlogVariant = 'broken' | 'fixed' | 'hybrid';
const STACK_NAMES: Record<BlogVariant, string> = { broken: 'BlogBroken', fixed: 'BlogFixed', hybrid: 'BlogHybrid' };

export function buildBlogApp(variant: BlogVariant, outdir?: string): App {
  const app = new App({ outdir });
  const stack = new Stack(app, STACK_NAMES[variant]);
  if (variant === 'hybrid') {
    new HybridVpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'), maxAzs: 2, natGateways: 1, onPremisesCidrs: [ON_PREMISES] });
    return app; // HybridVpc adds the guard to its stack
  }
  const vpc = blogVpc(stack);
  const subnets = variant === 'broken' ? vpc.publicSubnets : vpc.privateSubnets;
  subnets.forEach((subnet) => {
    (subnet as ec2.Subnet).addRoute('OnPremises', {
      routerType: ec2.RouterType.GATEWAY,
      routerId: vpc.vpnGatewayId!,
      destinationCidrBlock: ON_PREMISES,
    });
  });
  Aspects.of(app).add(new NatRouteGuard(), { priority: AspectPriority.READONLY });
  return app;
}

if (require.main === module) {
  const variant = (['fixed', 'hybrid'].includes(process.argv[2]) ? process.argv[2] : 'broken') as BlogVariant;
  buildBlogApp(variant).synth();
}
