/**
 * One route in a subnet's table, added the way `subnet.addRoute` adds it (so it sits where ec2.Vpc
 * users look for it), returned as the L1 with its dependencies: the L3 constructs' private routes
 * and centralized egress's return routes.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IDependable } from 'constructs';

/** The route `id` in `subnet`'s table for an IPv4 or IPv6 `destination` to the router, depending on each of `dependsOn`. */
export function addSubnetRoute(
  subnet: ec2.ISubnet, id: string, destination: { readonly family: 4 | 6; readonly text: string },
  router: { readonly routerType: ec2.RouterType; readonly routerId: string }, dependsOn: readonly IDependable[] = [],
): ec2.CfnRoute {
  (subnet as ec2.Subnet).addRoute(id, {
    routerType: router.routerType,
    routerId: router.routerId,
    ...(destination.family === 4 ? { destinationCidrBlock: destination.text } : { destinationIpv6CidrBlock: destination.text }),
  });
  const route = subnet.node.findChild(id) as ec2.CfnRoute;
  for (const d of dependsOn) route.node.addDependency(d);
  return route;
}
