import { NatRouteRuleInfo, NatRouteRuleLevel, RULE_IDS, RULE_TABLE } from '../../analysis/rule-table';

/**
 * The rules of the guard: ids, titles and default levels.
 *
 * Use the ids with `NatRouteGuardProps.ruleLevels` and with acknowledgements.
 */
export class NatRouteRule {
  /** A route to a virtual private gateway (VPN / Direct Connect) carries NAT gateway traffic. Error by default. */
  public static readonly VGW = NatRouteRule.fromTable(RULE_IDS.VGW);
  /** A route to a VPC peering connection carries NAT gateway traffic. Error by default. */
  public static readonly PCX = NatRouteRule.fromTable(RULE_IDS.PCX);
  /** A VGW propagates its routes into a NAT gateway's route table. Error by default. */
  public static readonly PROPAGATION = NatRouteRule.fromTable(RULE_IDS.PROPAGATION);
  /** A private NAT gateway's traffic is routed to an internet gateway (AWS drops it). Error by default. */
  public static readonly PRIVATE_IGW = NatRouteRule.fromTable(RULE_IDS.PRIVATE_IGW);
  /** A gateway endpoint in a NAT gateway's table takes traffic that crossed the NAT gateway. Warning by default. */
  public static readonly VPCE = NatRouteRule.fromTable(RULE_IDS.VPCE);
  /** A route to a transit gateway or Cloud WAN carries NAT gateway traffic. Off by default. */
  public static readonly TGW = NatRouteRule.fromTable(RULE_IDS.TGW);
  /** NAT gateway traffic reaches a VPN, Direct Connect, Connect or Client VPN attachment through a transit gateway. Error by default. */
  public static readonly TGW_HYBRID = NatRouteRule.fromTable(RULE_IDS.TGW_HYBRID);
  /** NAT gateway traffic reaches a transit gateway peering attachment or a VPC peering connection through a transit gateway. Error by default. */
  public static readonly TGW_PEERING = NatRouteRule.fromTable(RULE_IDS.TGW_PEERING);
  /** A VPN or Direct Connect attachment propagates into a transit gateway table that NAT gateway traffic reaches. Warning by default. */
  public static readonly TGW_PROPAGATION = NatRouteRule.fromTable(RULE_IDS.TGW_PROPAGATION);
  /** The guard cannot follow NAT gateway traffic into a transit gateway (not in the app, unknown attachment, a policy table the app does not define, Cloud WAN). Warning by default. */
  public static readonly TGW_UNKNOWN = NatRouteRule.fromTable(RULE_IDS.TGW_UNKNOWN);
  /** NAT gateway traffic reaches another VPC through a transit gateway. Off by default. */
  public static readonly TGW_VPC = NatRouteRule.fromTable(RULE_IDS.TGW_VPC);
  /** The guard cannot prove compliance. Warning by default. */
  public static readonly UNRESOLVED = NatRouteRule.fromTable(RULE_IDS.UNRESOLVED);
  /** A route CloudFormation would reject. Error by default. */
  public static readonly INVALID = NatRouteRule.fromTable(RULE_IDS.INVALID);
  /** An acknowledgement names no rule of the guard (a mistyped id acknowledges nothing). Warning by default. */
  public static readonly UNKNOWN_ACK = NatRouteRule.fromTable(RULE_IDS.UNKNOWN_ACK);

  /** Every rule, in the order of the rule reference. */
  public static all(): NatRouteRule[] {
    return RULE_TABLE.map((r) => NatRouteRule.fromTable(r.id));
  }

  /**
   * The rule with this id.
   * @throws if no rule has that id
   */
  public static fromId(id: string): NatRouteRule {
    return NatRouteRule.fromTable(id);
  }

  private static fromTable(id: string): NatRouteRule {
    const info = RULE_TABLE.find((r) => r.id === id);
    if (!info) {
      throw new Error(`'${id}' is not a rule of cdk-nat-route-guard; the rules are ${RULE_TABLE.map((r) => r.id).join(', ')}`);
    }
    return new NatRouteRule(info);
  }

  /** Rule id, e.g. `NRG-VGW`. */
  public readonly id: string;
  /** One-line title. */
  public readonly title: string;
  /** Level used unless configured otherwise. */
  public readonly defaultLevel: NatRouteRuleLevel;
  /** What the rule reports. */
  public readonly description: string;
  /** The construct the finding is placed on. */
  public readonly placedOn: string;

  private constructor(info: NatRouteRuleInfo) {
    this.id = info.id;
    this.title = info.title;
    this.defaultLevel = info.defaultLevel;
    this.description = info.description;
    this.placedOn = info.placedOn;
  }
}
