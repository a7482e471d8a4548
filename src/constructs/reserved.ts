import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The subnet group a construct dedicates to transit gateway attachments: never given private routes. */
export const RESERVED_SUBNET_GROUP = 'TransitGatewayAttachment';

/** The default subnet groups: a public group for the NAT gateways, a private group behind them. */
export function defaultSubnets(): ec2.SubnetConfiguration[] {
  return [
    { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
    { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
  ];
}
