export * from './guard/nat-route-guard';
export * from './guard/nat-route-rule';
export { NatRouteRuleLevel } from './rule-table';
export * from './constructs/nat-egress-vpc';
export * from './constructs/hybrid-vpc';
export * from './plugin/nat-route-guard-plugin';
