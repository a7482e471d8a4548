import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The subnet group a construct dedicates to transit gateway attachments: never given private routes. */
export const RESERVED_SUBNET_GROUP = 'TransitGatewayAttachment';

/** Refuse a user subnet group named like the reserved one, naming `owner` (the construct that makes it). */
export function refuseReservedGroupName(fail: (msg: string) => never, groups: readonly ec2.SubnetConfiguration[], owner: string): void {
  if (groups.some((c) => c.name === RESERVED_SUBNET_GROUP)) {
    fail(`subnetConfiguration: the group name ${RESERVED_SUBNET_GROUP} is ${owner} own (the transit gateway attachment's subnets); name the group otherwise`);
  }
}

/** The default subnet groups: a public group for the NAT gateways, a private group behind them. */
export function defaultSubnets(): ec2.SubnetConfiguration[] {
  return [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
  ];
}
