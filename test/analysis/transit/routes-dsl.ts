/** Routes of hand-built transit models, for the model-level tests of test/analysis/transit. */
import { NatRouteRuleLevel, RULE_TABLE, RuleId } from '../../../src/analysis/rule-table';
import { Destination, NatGateway, Route, RouteTable, RoutingModel, Target } from '../../../src/model/model';
import { TgwRoute, TransitModel } from '../../../src/model/transit';
import { dest } from '../model-dsl';

/** A static route of a VPC table, its id and path `name`; the destination written as in model-dsl (`10.0.0.0/8`, `?4:Ref X`). */
export const route = (table: string, destination: Destination | string, target: Target, name: string): Route => ({
  id: name, path: name, tableKey: table, origin: 'static', destination: typeof destination === 'string' ? dest(destination) : destination, target,
});

/** A VPC table's local route for `block`. */
export const local = (table: string, block: string): Route => ({
  ...route(table, block, { kind: 'local', key: 'local', label: 'local' }, `${table}#local`), origin: 'local', implicit: true,
});

/** A static route of a TGW table: to an attachment, or a blackhole when `attachment` is undefined. */
export const tgwRoute = (table: string, block: string, attachment: string | undefined, name: string): TgwRoute => ({
  id: name, path: name, table, destination: dest(block), attachment, blackhole: attachment === undefined, rank: 0,
});

/** The rules a guard without options evaluates (every rule whose default level is not off). */
export const DEFAULT_RULES: ReadonlySet<RuleId> = new Set(
  RULE_TABLE.filter((r) => r.defaultLevel !== NatRouteRuleLevel.OFF).map((r) => r.id as RuleId),
);

/** A model of these VPC tables, NAT gateways and transit part, with no propagations, endpoints or reader problems. */
export const transitModel = (tables: RouteTable[], natGateways: NatGateway[], transit: TransitModel): RoutingModel => ({
  tables, natGateways, propagations: [], gatewayEndpoints: [], problems: [], transit,
});
