/**
 * A VPC construct's own transit gateway attachment (HybridVpc on a transit gateway, NatEgressVpc's
 * centralized egress): the transit gateway as the props name it, the checks of its association,
 * and the attachment in the reserved subnets, declared transit-only to the guard.
 */
import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { RESERVED_SUBNET_GROUP } from './reserved';
import { GUARD_METADATA_KEY } from '../records/record';

/** How a construct's props name a transit gateway and the attachment's association and propagations. */
export interface TransitGatewayProps {
  readonly transitGatewayId?: string;
  readonly transitGateway?: IConstruct;
  readonly associationRouteTableId?: string;
  readonly propagationRouteTableIds?: string[];
}

/** The transit gateway a construct attaches to, as the props give it. */
export interface NamedTransitGateway {
  /** Its id, as routes and the attachment name it. */
  readonly id: string;
  /** Its L1, when it is in the app. */
  readonly cfn?: ec2.CfnTransitGateway;
  /**
   * The aws-ec2-alpha `TransitGateway`'s own default route table, when it associates (propagates)
   * attachments with it: that module makes the association and propagation for each attachment
   * itself, and so do this library's constructs for their own.
   */
  readonly alphaDefaults?: { readonly tableId: string; readonly associate: boolean; readonly propagate: boolean };
}

const isCfnTgw = (c: unknown): c is ec2.CfnTransitGateway => CfnResource.isCfnResource(c as IConstruct) && (c as CfnResource).cfnResourceType === 'AWS::EC2::TransitGateway';

/**
 * The transit gateway of `transitGateway` / `transitGatewayId` (exactly one is given), its
 * association checked. `prefix` names the props in messages (`transitGatewayEgress.`).
 */
export function namedTransitGateway(where: string, props: TransitGatewayProps, prefix = ''): NamedTransitGateway {
  const fail = (msg: string): never => {
    throw new Error(`${where}: ${msg}`);
  };
  if (!props.transitGatewayId && !props.transitGateway) fail(`${prefix}transitGatewayId or ${prefix}transitGateway is required`);
  if (props.transitGatewayId && props.transitGateway) fail(`give ${prefix}transitGatewayId or ${prefix}transitGateway, not both`);
  const tgw = fromConstruct(where, props, prefix);
  const association = props.associationRouteTableId !== undefined;
  if (association && tgw.alphaDefaults?.associate) {
    fail(`${prefix}associationRouteTableId: the transit gateway (aws-ec2-alpha) associates new attachments with its default route table (defaultRouteTableAssociation is true), `
      + `and an attachment has one association; create it with defaultRouteTableAssociation: false, or leave ${prefix}associationRouteTableId out`);
  }
  const defaultAssociation = tgw.cfn?.defaultRouteTableAssociation;
  if (association && tgw.cfn && !tgw.alphaDefaults && defaultAssociation !== 'disable') {
    fail(`${prefix}associationRouteTableId: the transit gateway associates new attachments with its default route table (defaultRouteTableAssociation is `
      + `${defaultAssociation ?? 'enable by default'}), and an attachment has one association; set defaultRouteTableAssociation: 'disable' on it, `
      + `or leave ${prefix}associationRouteTableId out`);
  }
  return tgw;
}

function fromConstruct(where: string, props: TransitGatewayProps, prefix: string): NamedTransitGateway {
  const given = props.transitGateway;
  if (given === undefined) return { id: props.transitGatewayId! };
  if (isCfnTgw(given)) return { id: given.ref, cfn: given };
  const child = given.node?.defaultChild;
  if (!isCfnTgw(child)) {
    throw new Error(`${where}: ${prefix}transitGateway ${given.node?.path ?? String(given)} is neither an ec2.CfnTransitGateway nor a construct whose default child is one `
      + `(the TransitGateway of @aws-cdk/aws-ec2-alpha); give one of those, or the transit gateway's id as ${prefix}transitGatewayId`);
  }
  // The aws-ec2-alpha TransitGateway (read by shape: this library does not depend on that module).
  const alpha = given as unknown as {
    transitGatewayId?: string;
    defaultRouteTable?: { routeTableId?: string };
    defaultRouteTableAssociation?: boolean;
    defaultRouteTablePropagation?: boolean;
  };
  const tableId = alpha.defaultRouteTable?.routeTableId;
  return {
    id: typeof alpha.transitGatewayId === 'string' ? alpha.transitGatewayId : child.ref,
    cfn: child,
    ...(typeof tableId === 'string'
      ? { alphaDefaults: { tableId, associate: alpha.defaultRouteTableAssociation === true, propagate: alpha.defaultRouteTablePropagation === true } }
      : {}),
  };
}

/** The attachment in the reserved subnets (declared transit-only), its association and propagations. */
export function attachReservedSubnets(
  vpc: ec2.Vpc, where: string, tgw: NamedTransitGateway, props: TransitGatewayProps & { readonly ipProtocol?: ec2.IpProtocol },
): ec2.CfnTransitGatewayVpcAttachment {
  const scope: Construct = vpc;
  const attachmentSubnets = vpc.selectSubnets({ subnetGroupName: RESERVED_SUBNET_GROUP }).subnets;
  const azs = new Set(attachmentSubnets.map((s) => s.availabilityZone));
  // One attachment subnet in every AZ (ec2.Vpc makes one per AZ per group): an AZ without one is not forwarded.
  if (azs.size !== vpc.availabilityZones.length || attachmentSubnets.length !== azs.size) {
    throw new Error(`${where}: the transit gateway attachment needs one subnet in each Availability Zone of the VPC (${vpc.availabilityZones.join(', ')}); `
      + `the ${RESERVED_SUBNET_GROUP} group has ${attachmentSubnets.length}. Leave that group name to the construct.`);
  }
  // Nothing else goes in these subnets: what reaches their table is what the transit gateway delivers.
  for (const s of attachmentSubnets) (s.node.defaultChild as ec2.CfnSubnet).addMetadata(GUARD_METADATA_KEY, { transitOnly: true });
  const attachment = new ec2.CfnTransitGatewayVpcAttachment(scope, 'TransitGatewayAttachment', {
    transitGatewayId: tgw.id,
    vpcId: vpc.vpcId,
    subnetIds: attachmentSubnets.map((s) => s.subnetId),
    // IPv6 on-premises ranges and IPv6 workloads need it in a dual-stack VPC.
    ...(props.ipProtocol === ec2.IpProtocol.DUAL_STACK ? { options: { Ipv6Support: 'enable' } } : {}),
  });
  const association = props.associationRouteTableId ?? (tgw.alphaDefaults?.associate ? tgw.alphaDefaults.tableId : undefined);
  if (association !== undefined) {
    new ec2.CfnTransitGatewayRouteTableAssociation(scope, 'TransitGatewayAssociation', {
      transitGatewayAttachmentId: attachment.ref, transitGatewayRouteTableId: association,
    });
  }
  const propagate = (table: string, propagationId: string) => new ec2.CfnTransitGatewayRouteTablePropagation(scope, propagationId, {
    transitGatewayAttachmentId: attachment.ref, transitGatewayRouteTableId: table,
  });
  if (tgw.alphaDefaults?.propagate) propagate(tgw.alphaDefaults.tableId, 'TransitGatewayDefaultPropagation');
  (props.propagationRouteTableIds ?? []).forEach((table, i) => {
    if (table !== tgw.alphaDefaults?.tableId || !tgw.alphaDefaults.propagate) propagate(table, `TransitGatewayPropagation${i + 1}`);
  });
  return attachment;
}

/** Whether a subnet is one of the reserved attachment subnets. */
export function isReservedSubnet(s: ec2.ISubnet): boolean {
  return s.node.path.split('/').pop()?.startsWith(RESERVED_SUBNET_GROUP) ?? false;
}
