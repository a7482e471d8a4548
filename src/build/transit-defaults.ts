/** What a transit gateway's defaults make, and the routes propagations install (docs/transit.md, "Model"). No CDK. */
import { Attachment, AttachmentKind, TgwAssociation, TgwPropagation, TgwRoute, TransitGateway } from '../model/transit';

/** A TGW route table while the model is built. */
export interface TableDraft {
  readonly key: string;
  readonly path: string;
  readonly tgw?: string;
  readonly implicit: boolean;
  readonly open: boolean;
  readonly routes: TgwRoute[];
}

/** Tie ranks of F5 (lower wins among identical prefixes): static is 0. */
const PROPAGATED_RANK: Readonly<Record<AttachmentKind, number>> = {
  'vpc': 2, 'dx-gateway': 3, 'connect': 4, 'vpn': 5, 'vpn-concentrator': 5, 'client-vpn': 5, 'peering': 6, 'network-function': 6, 'unknown': 5,
};

/** Associations and propagations the TGW's defaults make (F8): those of kinds where it is `open` count as made (fail closed). */
export function applyDefaults(
  attachments: ReadonlyMap<string, Attachment>, gateways: ReadonlyMap<string, TransitGateway>,
  associations: TgwAssociation[], propagations: TgwPropagation[],
): void {
  for (const a of attachments.values()) {
    const gw = a.tgw === undefined ? undefined : gateways.get(a.tgw);
    if (!gw || a.followsDefaults === 'off') continue;
    if (gw.associationTable !== undefined && gw.defaultAssociation !== 'off') {
      associations.push({ attachment: a.key, table: gw.associationTable, path: gw.path, implicit: true });
    }
    if (gw.propagationTable !== undefined && gw.defaultPropagation !== 'off') {
      propagations.push({ attachment: a.key, table: gw.propagationTable, path: gw.path, implicit: true });
    }
  }
}

/** The routes a propagation installs: a VPC's blocks (known), or prefixes no template shows (opaque). Peering installs none (F4). */
export function propagatedRoutes(p: TgwPropagation, attachments: ReadonlyMap<string, Attachment>, tables: ReadonlyMap<string, TableDraft>): void {
  const a = attachments.get(p.attachment);
  const table = tables.get(p.table);
  if (!a || !table || a.kind === 'peering' || a.kind === 'network-function') return;
  const base = { table: p.table, attachment: a.key, blackhole: false, rank: PROPAGATED_RANK[a.kind], propagation: p.path };
  const id = `${p.path}>${p.table}>${a.key}`;
  if (a.kind === 'vpc') {
    for (const cidr of a.cidrs ?? []) table.routes.push({ ...base, id: `${id}#${cidr.text}`, path: p.path, destination: { kind: 'cidr', cidr } });
    if (!a.cidrsUnknown) return;
  }
  table.routes.push({ ...base, id: `${id}#prefixes`, path: p.path, destination: { kind: 'unknown', key: `propagated:${a.key}`, label: `the prefixes ${a.path} propagates` } });
}
