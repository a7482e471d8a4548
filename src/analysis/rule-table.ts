/**
 * The one place that names each rule: id, default level, title and what it decides.
 * The guard's options, its messages and the README's rule reference all draw from here.
 */

/** How a rule's findings are reported. */
export enum NatRouteRuleLevel {
  /** An error annotation: `cdk synth` fails. */
  ERROR = 'error',
  /** An acknowledgeable warning annotation. */
  WARNING = 'warning',
  /** The rule is not evaluated. */
  OFF = 'off',
}

/** Description of one rule. */
export interface NatRouteRuleInfo {
  /** Rule id, e.g. `NRG-VGW`. */
  readonly id: string;
  /** One-line title. */
  readonly title: string;
  /** The level used unless the guard's `ruleLevels` say otherwise. */
  readonly defaultLevel: NatRouteRuleLevel;
  /** Where the finding is placed. */
  readonly placedOn: string;
  /** What the rule reports, in one or two sentences. */
  readonly description: string;
}

export const RULE_IDS = {
  VGW: 'NRG-VGW',
  PCX: 'NRG-PCX',
  PROPAGATION: 'NRG-PROPAGATION',
  PRIVATE_IGW: 'NRG-PRIVATE-IGW',
  VPCE: 'NRG-VPCE',
  TGW: 'NRG-TGW',
  TGW_HYBRID: 'NRG-TGW-HYBRID',
  TGW_PEERING: 'NRG-TGW-PEERING',
  TGW_PROPAGATION: 'NRG-TGW-PROPAGATION',
  TGW_UNKNOWN: 'NRG-TGW-UNKNOWN',
  TGW_VPC: 'NRG-TGW-VPC',
  UNRESOLVED: 'NRG-UNRESOLVED',
  INVALID: 'NRG-INVALID',
  UNKNOWN_ACK: 'NRG-UNKNOWN-ACK',
} as const;

export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export const RULE_TABLE: readonly NatRouteRuleInfo[] = [
  {
    id: RULE_IDS.VGW,
    title: 'NAT gateway traffic reaches a virtual private gateway (VPN / Direct Connect)',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route in the NAT gateway\'s route table',
    description: 'A route to a virtual private gateway in the table that forwards a NAT gateway\'s traffic is selected for some destination that another route table hands to that NAT gateway.',
  },
  {
    id: RULE_IDS.PCX,
    title: 'NAT gateway traffic reaches a VPC peering connection',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route in the NAT gateway\'s route table',
    description: 'A route to a VPC peering connection in the NAT gateway\'s table is selected for some destination that reaches the NAT gateway.',
  },
  {
    id: RULE_IDS.PROPAGATION,
    title: 'VGW routes are propagated into a NAT gateway\'s route table',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the VPNGatewayRoutePropagation',
    description: 'A VGW propagates into the table of a NAT gateway that carries traffic, unless every feeding table propagates the same VGW, every route feeding the NAT gateway is a static 0.0.0.0/0, and the NAT gateway\'s table has a static 0.0.0.0/0.',
  },
  {
    id: RULE_IDS.PRIVATE_IGW,
    title: 'A private NAT gateway\'s traffic is sent to an internet gateway (AWS drops it)',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route in the NAT gateway\'s route table',
    description: 'A private NAT gateway\'s table sends traffic that reaches it to an internet gateway; AWS drops such traffic.',
  },
  {
    id: RULE_IDS.VPCE,
    title: 'S3 / DynamoDB gateway endpoint traffic crosses a NAT gateway',
    defaultLevel: NatRouteRuleLevel.WARNING,
    placedOn: 'the gateway VPCEndpoint',
    description: 'A gateway endpoint is associated with a NAT gateway\'s table, and a table that feeds the NAT gateway through a route that can cover public AWS ranges is not associated with an endpoint of the same service.',
  },
  {
    id: RULE_IDS.TGW,
    title: 'NAT gateway traffic reaches a transit gateway or Cloud WAN core network',
    defaultLevel: NatRouteRuleLevel.OFF,
    placedOn: 'the route in the NAT gateway\'s route table',
    description: 'Opt-in, for teams whose transit gateway carries VPN or Direct Connect: a route to a transit gateway or core network carries NAT gateway traffic.',
  },
  {
    id: RULE_IDS.TGW_HYBRID,
    title: 'NAT gateway traffic reaches a VPN or Direct Connect through a transit gateway',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route through which the traffic enters the transit gateway',
    description: 'NAT gateway traffic that a route sends to a transit gateway reaches, by a route the app states, a Site-to-Site VPN, VPN concentrator, Direct Connect gateway, Connect or Client VPN attachment, or a VGW route in a VPC the transit gateway delivers it to.',
  },
  {
    id: RULE_IDS.TGW_PEERING,
    title: 'NAT gateway traffic reaches a peering link through a transit gateway',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route through which the traffic enters the transit gateway',
    description: 'NAT gateway traffic that a route sends to a transit gateway reaches a transit gateway peering attachment, or a VPC peering connection in a VPC the transit gateway delivers it to.',
  },
  {
    id: RULE_IDS.TGW_PROPAGATION,
    title: 'VPN or Direct Connect routes are propagated into a transit gateway table that NAT gateway traffic reaches',
    defaultLevel: NatRouteRuleLevel.WARNING,
    placedOn: 'the TransitGatewayRouteTablePropagation (the TransitGateway for a default propagation)',
    description: 'An attachment whose prefixes come from BGP (VPN, Direct Connect, Connect) propagates into a transit gateway table that NAT gateway traffic reaches, unless no propagated prefix can pull that traffic (every table that delivers traffic to the NAT gateway propagates the same attachment and delivers by a static default route, and the reached table covers the traffic by known routes or a static default).',
  },
  {
    id: RULE_IDS.TGW_UNKNOWN,
    title: 'The guard cannot follow NAT gateway traffic into a transit gateway',
    defaultLevel: NatRouteRuleLevel.WARNING,
    placedOn: 'the route through which the traffic enters the transit gateway',
    description: 'NAT gateway traffic enters a transit gateway or core network the guard cannot follow: a transit gateway not defined in the app (declare it with externalTransitGateways), an attachment of unknown kind, a route table it cannot see into, a policy table the app does not define, a Cloud WAN core network, or a path too long.',
  },
  {
    id: RULE_IDS.TGW_VPC,
    title: 'NAT gateway traffic reaches another VPC through a transit gateway',
    defaultLevel: NatRouteRuleLevel.OFF,
    placedOn: 'the route through which the traffic enters the transit gateway',
    description: 'Opt-in: NAT gateway traffic is delivered into another VPC through a transit gateway (centralized egress designs do this by intent).',
  },
  {
    id: RULE_IDS.UNRESOLVED,
    title: 'The guard cannot prove compliance',
    defaultLevel: NatRouteRuleLevel.WARNING,
    placedOn: 'the construct that could not be resolved',
    description: 'A NAT gateway\'s route table cannot be determined (no explicit association, imported subnet or table, unresolved token), or a GatewayId that carries NAT traffic cannot be told apart as an internet gateway or a VGW.',
  },
  {
    id: RULE_IDS.INVALID,
    title: 'A route the guard cannot read as CloudFormation would',
    defaultLevel: NatRouteRuleLevel.ERROR,
    placedOn: 'the route',
    description: 'Malformed CIDR, no destination or target, or more than one of either.',
  },
  {
    id: RULE_IDS.UNKNOWN_ACK,
    title: 'An acknowledgement names no rule of the guard',
    defaultLevel: NatRouteRuleLevel.WARNING,
    placedOn: 'the construct (or template resource) that carries the acknowledgement',
    description: 'An acknowledgement of an `NRG-` id that no rule has (a typo, the wrong case), or of any id under the `cdk-nat-route-guard::` prefix that is not a rule: it acknowledges nothing.',
  },
];

export function ruleInfo(id: string): NatRouteRuleInfo | undefined {
  return RULE_TABLE.find((r) => r.id === id);
}

/**
 * Every rule's level: the defaults, with the given ones checked and applied.
 * @param where the props the levels come from, to name them in an error
 */
export function ruleLevelsOf(
  given: { readonly [ruleId: string]: NatRouteRuleLevel } | undefined, where: string,
): ReadonlyMap<RuleId, NatRouteRuleLevel> {
  const levels = new Map<string, NatRouteRuleLevel>(RULE_TABLE.map((r) => [r.id, r.defaultLevel]));
  for (const [id, level] of Object.entries(given ?? {})) {
    if (!levels.has(id)) {
      throw new Error(`${where}.ruleLevels: '${id}' is not a rule of cdk-nat-route-guard; use one of ${RULE_TABLE.map((r) => r.id).join(', ')}`);
    }
    if (!Object.values(NatRouteRuleLevel).includes(level)) {
      throw new Error(`${where}.ruleLevels['${id}']: '${String(level)}' is not a NatRouteRuleLevel (ERROR, WARNING or OFF)`);
    }
    levels.set(id, level);
  }
  return levels as ReadonlyMap<RuleId, NatRouteRuleLevel>;
}
