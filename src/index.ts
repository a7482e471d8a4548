export * from './doors/aspect/nat-route-guard';
export * from './doors/shared/nat-route-rule';
export { NatRouteRuleLevel } from './analysis/rule-table';
export * from './constructs/nat-egress-vpc';
export * from './constructs/hybrid-vpc';
export * from './constructs/on-premises';
export * from './doors/plugin/nat-route-guard-plugin';
export type { ExternalTransitGateway, TransitGatewayDeclarations } from './doors/shared/transit-options';
export { TransitGatewayAttachmentKind } from './doors/shared/transit-options';
