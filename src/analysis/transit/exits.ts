/** What the transit walk finds: exits, reached propagations, and where their traffic comes from. No CDK. */
import { NatGateway, Route } from '../../model/model';
import { Attachment } from '../../model/transit';
import { FeedPiece, Inflow } from '../flow';
import { RuleId } from '../rule-table';
import { FamilySets } from '../selection';

/** What reaches an exit (or a place the guard cannot follow), from one entry route. */
export interface Exit {
  readonly rule: RuleId;
  readonly nat: NatGateway;
  /** The route in the NAT gateway's VPC through which the traffic enters a transit gateway. */
  readonly entry: Route;
  readonly addresses: FamilySets;
  /** The exit as a message names it. */
  readonly exit: string;
  /** The way from the entry route to the exit. */
  readonly steps: readonly string[];
  /** Why the guard cannot follow (`NRG-TGW-UNKNOWN`). */
  readonly reason?: string;
  /** The exit's route (a static route to the exit, or the VGW / peering route downstream). */
  readonly route?: string;
  /** The entry route's destination is unresolved: everything of its family is followed. */
  readonly unresolved: boolean;
}

/** An attachment with prefixes no template shows that propagates into a table NAT traffic reaches. */
export interface Reach {
  readonly nat: NatGateway;
  readonly entry: Route;
  readonly attachment: Attachment;
  readonly table: string;
  /** The propagation resource, or the transit gateway for a default propagation. */
  readonly path: string;
  readonly addresses: FamilySets;
  readonly steps: readonly string[];
}

export interface WalkResult {
  readonly exits: Exit[];
  readonly reaches: Reach[];
}

/** The feeding route of an inflow whose destinations overlap these, for "that traffic comes from". */
export function feedOf(inflow: Inflow, d: FamilySets): FeedPiece | undefined {
  return inflow.pieces.find((p) => p.addresses!.overlaps(d[p.family])) ?? inflow.unknown[0] ?? inflow.pieces[0];
}

