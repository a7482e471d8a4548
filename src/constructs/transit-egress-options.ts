import { IConstruct } from 'constructs';

/** Centralized egress through a transit gateway: `NatEgressVpcProps.transitGatewayEgress`. */
export interface TransitGatewayEgressOptions {
  /**
   * The blocks of the VPCs that egress through this one (the spokes). Each is routed from the NAT
   * gateways' tables back to the transit gateway, so replies reach them; nothing else is. Literal
   * CIDR blocks (IPv4, or IPv6 in a dual-stack VPC), outside the VPC's own block.
   */
  readonly returnCidrs: string[];

  /**
   * The transit gateway, by id.
   * @default - one of transitGatewayId or transitGateway is required
   */
  readonly transitGatewayId?: string;

  /**
   * The transit gateway, as a construct of the app (an `ec2.CfnTransitGateway`, or the aws-ec2-alpha
   * `TransitGateway`), so the guard follows the return routes into it.
   * @default - see transitGatewayId
   */
  readonly transitGateway?: IConstruct;

  /**
   * Associate the egress attachment with this transit gateway route table (the table that sends
   * the replies to the spokes). Refused while the transit gateway associates new attachments with
   * its default table.
   * @default - no association is made here
   */
  readonly associationRouteTableId?: string;

  /**
   * Propagate the egress attachment into these transit gateway route tables.
   * @default - no propagation is made here; spokes usually route 0.0.0.0/0 to the egress attachment statically
   */
  readonly propagationRouteTableIds?: string[];
}
