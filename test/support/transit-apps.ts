/**
 * Transit gateway topologies written as L1s, so a test reads like the network diagram of
 * docs/transit.md's worked examples: VPCs with named subnets and tables, a transit gateway, its
 * tables, attachments, static routes, associations and propagations.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface SubnetOptions {
  readonly az?: string;
  readonly transitOnly?: boolean;
}

/** One VPC as L1s: subnets each with its own table (or a shared one), routes by target. */
export class L1Vpc extends Construct {
  public readonly vpc: ec2.CfnVPC;
  public readonly tables = new Map<string, ec2.CfnRouteTable>();
  public readonly subnets = new Map<string, ec2.CfnSubnet>();
  public readonly nats = new Map<string, ec2.CfnNatGateway>();
  private igw?: ec2.CfnInternetGateway;
  private vgw?: ec2.CfnVPNGateway;
  private next = 0;

  constructor(scope: Construct, id: string, private readonly cidr: string) {
    super(scope, id);
    this.vpc = new ec2.CfnVPC(this, 'Vpc', { cidrBlock: cidr });
  }

  /** A subnet with its own table named after it (or `table`, shared). */
  public subnet(name: string, cidr: string, opts: SubnetOptions & { table?: string } = {}): this {
    const s = new ec2.CfnSubnet(this, name, { vpcId: this.vpc.ref, cidrBlock: cidr, availabilityZone: opts.az });
    if (opts.transitOnly) s.addMetadata('cdk-nat-route-guard', { transitOnly: true });
    const tableName = opts.table ?? name;
    let t = this.tables.get(tableName);
    if (!t) {
      t = new ec2.CfnRouteTable(this, `${tableName}Rt`, { vpcId: this.vpc.ref });
      this.tables.set(tableName, t);
    }
    new ec2.CfnSubnetRouteTableAssociation(this, `${name}Assoc`, { subnetId: s.ref, routeTableId: t.ref });
    this.subnets.set(name, s);
    return this;
  }

  /** A public NAT gateway in a subnet. */
  public nat(name: string, subnet: string): this {
    const eip = new ec2.CfnEIP(this, `${name}Eip`);
    this.nats.set(name, new ec2.CfnNatGateway(this, name, { subnetId: this.subnets.get(subnet)!.ref, allocationId: eip.attrAllocationId }));
    return this;
  }

  private route(table: string, destination: string, props: Partial<ec2.CfnRouteProps>, name?: string): ec2.CfnRoute {
    const id = name ?? `R${this.next++}`;
    const dest = destination.includes(':') ? { destinationIpv6CidrBlock: destination } : { destinationCidrBlock: destination };
    return new ec2.CfnRoute(this, id, { routeTableId: this.tables.get(table)!.ref, ...dest, ...props });
  }

  public toNat(table: string, destination: string, nat: string, name?: string): ec2.CfnRoute {
    return this.route(table, destination, { natGatewayId: this.nats.get(nat)!.ref }, name);
  }

  public toIgw(table: string, destination = '0.0.0.0/0', name?: string): ec2.CfnRoute {
    if (!this.igw) {
      this.igw = new ec2.CfnInternetGateway(this, 'Igw');
      new ec2.CfnVPCGatewayAttachment(this, 'IgwAttach', { vpcId: this.vpc.ref, internetGatewayId: this.igw.ref });
    }
    return this.route(table, destination, { gatewayId: this.igw.ref }, name);
  }

  public toVgw(table: string, destination: string, name?: string): ec2.CfnRoute {
    if (!this.vgw) {
      this.vgw = new ec2.CfnVPNGateway(this, 'Vgw', { type: 'ipsec.1' });
      new ec2.CfnVPCGatewayAttachment(this, 'VgwAttach', { vpcId: this.vpc.ref, vpnGatewayId: this.vgw.ref });
    }
    return this.route(table, destination, { gatewayId: this.vgw.ref }, name);
  }

  public toPcx(table: string, destination: string, peering: string, name?: string): ec2.CfnRoute {
    return this.route(table, destination, { vpcPeeringConnectionId: peering }, name);
  }

  /** A route to a transit gateway (a construct of the app, or an id). */
  public toTgw(table: string, destination: string, tgw: ec2.CfnTransitGateway | string, name?: string): ec2.CfnRoute {
    return this.route(table, destination, { transitGatewayId: typeof tgw === 'string' ? tgw : tgw.ref }, name);
  }

  public get blocks(): string {
    return this.cidr;
  }
}

/** A transit gateway and its tables, attachments and routes, as L1s. */
export class L1Tgw extends Construct {
  public readonly tgw: ec2.CfnTransitGateway;
  public readonly tables = new Map<string, ec2.CfnTransitGatewayRouteTable>();

  /** Defaults disabled unless `defaults` (then CloudFormation's own: both enabled). */
  constructor(scope: Construct, id: string, opts: { defaults?: boolean; props?: ec2.CfnTransitGatewayProps } = {}) {
    super(scope, id);
    this.tgw = new ec2.CfnTransitGateway(this, 'Tgw', opts.props ?? (opts.defaults ? {} : {
      defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable',
    }));
  }

  public table(name: string): ec2.CfnTransitGatewayRouteTable {
    let t = this.tables.get(name);
    if (!t) {
      t = new ec2.CfnTransitGatewayRouteTable(this, name, { transitGatewayId: this.tgw.ref });
      this.tables.set(name, t);
    }
    return t;
  }

  /** A VPC attachment in the named subnets, associated with `table` (if given) and propagating into `propagateTo`. */
  public attach(name: string, vpc: L1Vpc, subnets: string[], opts: { table?: string; propagateTo?: string[] } = {}): ec2.CfnTransitGatewayAttachment {
    const a = new ec2.CfnTransitGatewayAttachment(this, name, {
      transitGatewayId: this.tgw.ref, vpcId: vpc.vpc.ref, subnetIds: subnets.map((s) => vpc.subnets.get(s)!.ref),
    });
    this.wire(name, a.ref, opts);
    return a;
  }

  /** Associate and propagate an attachment known by id. */
  public wire(name: string, attachmentId: string, opts: { table?: string; propagateTo?: string[] }): void {
    if (opts.table) {
      new ec2.CfnTransitGatewayRouteTableAssociation(this, `${name}Assoc`, {
        transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: this.table(opts.table).ref,
      });
    }
    for (const t of opts.propagateTo ?? []) {
      new ec2.CfnTransitGatewayRouteTablePropagation(this, `${name}Prop${t}`, {
        transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: this.table(t).ref,
      });
    }
  }

  /** A VPN concentrator: an attachment the template can name (`TransitGatewayAttachmentId`). */
  public vpnConcentrator(name: string): string {
    const c = new CfnResource(this, name, { type: 'AWS::EC2::VPNConcentrator', properties: { TransitGatewayId: this.tgw.ref, Type: 'ipsec.1' } });
    return c.getAtt('TransitGatewayAttachmentId').toString();
  }

  /** A Site-to-Site VPN on the transit gateway: its attachment is made by AWS and has no id in CloudFormation. */
  public vpn(name: string, staticRoutesOnly = false): ec2.CfnVPNConnection {
    const cgw = new ec2.CfnCustomerGateway(this, `${name}Cgw`, { bgpAsn: 65000, ipAddress: '203.0.113.10', type: 'ipsec.1' });
    return new ec2.CfnVPNConnection(this, name, { customerGatewayId: cgw.ref, type: 'ipsec.1', transitGatewayId: this.tgw.ref, staticRoutesOnly });
  }

  public staticRoute(table: string, destination: string, attachmentId: string | undefined, name?: string): ec2.CfnTransitGatewayRoute {
    return new ec2.CfnTransitGatewayRoute(this, name ?? `${table}To${destination.replace(/[./:]/g, '')}`, {
      transitGatewayRouteTableId: this.table(table).ref,
      destinationCidrBlock: destination,
      ...(attachmentId === undefined ? { blackhole: true } : { transitGatewayAttachmentId: attachmentId }),
    });
  }
}

/** What `egressAndSpoke` builds: the hub, the egress VPC E and the spoke S. */
export interface EgressAndSpoke {
  readonly hub: L1Tgw;
  readonly e: L1Vpc;
  readonly s: L1Vpc;
}

/**
 * Centralized egress as AWS draws it: an egress VPC E (10.10.0.0/16) whose attachment subnet's
 * table sends everything to the NAT gateway (transit-only unless said), a public NAT table with
 * `returnRoute` (the route named `returnName`) to the TGW, workloads in E only when asked; and a
 * spoke S (10.0.2.0/26) whose private table, shared with its attachment subnet, sends everything to the TGW.
 */
export function egressAndSpoke(stack: Stack, opts: {
  returnRoute: string; returnName: string; transitOnly?: boolean; workloads?: boolean; eAz?: string; attAz?: string; defaults?: boolean;
}): EgressAndSpoke {
  const hub = new L1Tgw(stack, 'Hub', { defaults: opts.defaults });
  const e = new L1Vpc(stack, 'Egress', '10.10.0.0/16').subnet('Public', '10.10.0.0/24', { az: opts.eAz })
    .subnet('Tgw', '10.10.1.0/28', { transitOnly: opts.transitOnly ?? true, az: opts.attAz }).nat('Nat', 'Public');
  e.toIgw('Public', '0.0.0.0/0', 'PublicDefault');
  e.toNat('Tgw', '0.0.0.0/0', 'Nat', 'TgwDefault');
  e.toTgw('Public', opts.returnRoute, hub.tgw, opts.returnName);
  if (opts.workloads) {
    e.subnet('Private', '10.10.2.0/24');
    e.toNat('Private', '0.0.0.0/0', 'Nat', 'PrivateDefault');
  }
  const s = new L1Vpc(stack, 'Spoke', '10.0.2.0/26').subnet('Private', '10.0.2.0/27').subnet('Tgw', '10.0.2.32/28', { transitOnly: true, table: 'Private' });
  s.toTgw('Private', '0.0.0.0/0', hub.tgw, 'PrivateDefault');
  return { hub, e, s };
}

export function transitStack(app: import('aws-cdk-lib').App, id = 'Net'): Stack {
  return new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
}

export const NAT_CONFIGURATION = 'AWS::EC2::TransitGatewayAttachmentNatConfiguration';

/** A case of transit gateway 1:1 NAT on the spoke's attachment (test/analysis/transit/nat-configuration.test.ts). */
export interface NatCase {
  /** What E's NAT gateway table sends to the TGW. */
  readonly returnRoute: string;
  /** RT-E's static route to the VPN. */
  readonly toVpn: string;
  /** The spoke attachment's NAT configuration (properties besides the attachment's id), if any. */
  readonly nat?: (stack: Stack) => Record<string, unknown>;
}

/**
 * Egress VPC and spoke: E's attachment associated with RT-E, which holds the spoke's propagation and
 * a static route to a VPN concentrator; the spoke's attachment configured for 1:1 NAT by `configure`
 * (an L1 or a CfnResource of the type) when the case has a configuration.
 */
export function natConfiguredSpoke<A>(
  made: { app: A; stack: Stack }, c: NatCase, configure: (stack: Stack, props: Record<string, unknown>) => unknown,
): A {
  const { hub, e, s } = egressAndSpoke(made.stack, { returnRoute: c.returnRoute, returnName: 'ToSpoke', workloads: true });
  const vpn = hub.vpnConcentrator('Vpn');
  hub.attach('EAtt', e, ['Tgw'], { table: 'RtE' });
  const spoke = hub.attach('SAtt', s, ['Tgw'], { table: 'RtS', propagateTo: ['RtE'] });
  hub.staticRoute('RtE', c.toVpn, vpn, 'ToVpn');
  if (c.nat) configure(made.stack, { TransitGatewayAttachmentId: spoke.ref, ...c.nat(made.stack) });
  return made.app;
}
