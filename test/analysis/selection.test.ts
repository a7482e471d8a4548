import * as fc from 'fast-check';
import { ModelDsl, cidr, igw, nat, pcx, vgw } from './model-dsl';
import { computeFlow } from '../../src/analysis/flow';
import { selectRoutes } from '../../src/analysis/selection';
import { topology } from '../reference/arbitraries';

function selectedAt(m: ModelDsl, table: string, address: string): string[] {
  const model = m.build();
  const sel = selectRoutes(model.tables.find((t) => t.key === table)!);
  const c = cidr(address);
  return [...sel.regions.entries()].filter(([, r]) => r[c.family].contains(c.first)).map(([id]) => id).sort();
}

describe('route selection in one table', () => {
  const m = new ModelDsl().table('t')
    .route('t', '0.0.0.0/0', igw(), 'default')
    .route('t', '10.0.0.0/8', vgw(), 'corp')
    .route('t', '10.1.0.0/16', pcx(), 'peer')
    .local('t', '10.1.2.0/24')
    .route('t', '::/0', igw(), 'v6default')
    .route('t', '2001:db8::/32', pcx(), 'v6peer');

  test.each([
    ['8.8.8.8/32', 't/default'],
    ['10.200.0.1/32', 't/corp'],
    ['10.1.5.5/32', 't/peer'],
    ['10.1.2.3/32', 't/local'],
    ['2001:db8::1/128', 't/v6peer'],
    ['2001:db9::1/128', 't/v6default'],
  ])('longest prefix match: %s takes %s', (addr, route) => {
    expect(selectedAt(m, 't', addr)).toEqual([route]);
  });

  test('IPv4 and IPv6 blocks with the same numbers do not nest', () => {
    // ::/96 spans the same integers as 0.0.0.0/0; it must not take addresses from it.
    const t = new ModelDsl().table('t').route('t', '0.0.0.0/0', igw(), 'v4').route('t', '::/96', vgw(), 'v6');
    expect(selectedAt(t, 't', '10.1.2.3/32')).toEqual(['t/v4']);
    expect(selectedAt(t, 't', '::a01:203/128')).toEqual(['t/v6']);
  });

  test('IPv4 0.0.0.0/0 does not cover IPv6', () => {
    const v4only = new ModelDsl().table('t').route('t', '0.0.0.0/0', igw(), 'default');
    expect(selectedAt(v4only, 't', '2001:db8::1/128')).toEqual([]);
  });

  test('identical prefixes: a static route beats a prefix-list route', () => {
    const t = new ModelDsl().table('t')
      .route('t', 'pl:corp=192.168.0.0/16,172.16.0.0/12', pcx(), 'pl')
      .route('t', '192.168.0.0/16', vgw(), 'static');
    expect(selectedAt(t, 't', '192.168.1.1/32')).toEqual(['t/static']);
    expect(selectedAt(t, 't', '172.16.0.1/32')).toEqual(['t/pl']);
  });

  test('identical prefixes: the local route beats a prefix-list route, a static route replaces local', () => {
    const t = new ModelDsl().table('t')
      .local('t', '10.0.0.0/16')
      .route('t', 'pl:x=10.0.0.0/16', vgw(), 'pl');
    expect(selectedAt(t, 't', '10.0.0.1/32')).toEqual(['t/local']);
    t.route('t', '10.0.0.0/16', pcx(), 'replace');
    expect(selectedAt(t, 't', '10.0.0.1/32')).toEqual(['t/replace']);
  });

  test('a prefix-list entry competes by its own length', () => {
    const t = new ModelDsl().table('t')
      .route('t', '10.0.0.0/8', vgw(), 'static8')
      .route('t', 'pl:x=10.1.0.0/16', pcx(), 'pl16');
    expect(selectedAt(t, 't', '10.1.0.1/32')).toEqual(['t/pl16']);
    expect(selectedAt(t, 't', '10.2.0.1/32')).toEqual(['t/static8']);
  });

  test('two prefix lists tying on an entry: both are possible', () => {
    const t = new ModelDsl().table('t')
      .route('t', 'pl:a=192.168.0.0/16', vgw(), 'a')
      .route('t', 'pl:b=192.168.0.0/16', igw(), 'b');
    expect(selectedAt(t, 't', '192.168.9.9/32')).toEqual(['t/a', 't/b']);
  });

  test('a route shadowed by more specific routes everywhere has no region', () => {
    const t = new ModelDsl().table('t')
      .route('t', '10.0.0.0/24', vgw(), 'outer')
      .route('t', '10.0.0.0/25', pcx(), 'low')
      .route('t', '10.0.0.128/25', pcx(), 'high');
    const sel = selectRoutes(t.build().tables[0]);
    expect(sel.regions.has('t/outer')).toBe(false);
    expect(sel.regions.has('t/low')).toBe(true);
  });

  // Children covering all of a /24 but its first or its last address: one address is left to it.
  const allBut = (end: 'first' | 'last') => {
    const t = new ModelDsl().table('t').route('t', '10.0.0.0/24', vgw(), 'outer');
    const blocks = end === 'last'
      ? ['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/27', '10.0.0.224/28', '10.0.0.240/29', '10.0.0.248/30', '10.0.0.252/31', '10.0.0.254/32']
      : ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/29', '10.0.0.16/28', '10.0.0.32/27', '10.0.0.64/26', '10.0.0.128/25'];
    blocks.forEach((b, i) => t.route('t', b, pcx(), `in${i}`));
    return t;
  };
  test.each([['last', '10.0.0.255/32'], ['first', '10.0.0.0/32']] as const)('a block whose children leave only its %s address selects it there', (end, addr) => {
    const sel = selectRoutes(allBut(end).build().tables[0]);
    const region = sel.regions.get('t/outer')![4];
    expect(region.intervals).toEqual([{ lo: cidr(addr).first, hi: cidr(addr).first }]);
  });

  test('routes with unresolved destinations or opaque prefix lists are set aside', () => {
    const t = new ModelDsl().table('t').route('t', '?Ref(PeerCidr)', pcx(), 'tok').route('t', 'pl:pl-123', vgw(), 'opaque');
    const sel = selectRoutes(t.build().tables[0]);
    expect([...sel.opaque].map((r) => r.id).sort()).toEqual(['t/opaque', 't/tok']);
    expect(sel.regions.size).toBe(0);
  });
});

describe('selection restricted to some routes', () => {
  test('kept routes get exactly the regions of the full selection; the others none', () => {
    fc.assert(fc.property(topology(), fc.integer({ min: 0, max: 3 }), (model, k) => {
      const keep = (r: { id: string }) => r.id.length % 4 === k;
      for (const t of model.tables) {
        const full = selectRoutes(t);
        const part = selectRoutes(t, keep);
        const expected = [...full.regions].filter(([id]) => keep({ id }));
        expect([...part.regions].sort()).toEqual(expected.sort());
        expect(part.opaque).toEqual(full.opaque);
      }
    }), { numRuns: 300, seed: 20261127 });
  });
});

describe('feeds and inflow', () => {
  test('a NAT gateway is fed by what associated tables select for it', () => {
    const m = new ModelDsl()
      .table('a').route('a', '0.0.0.0/0', nat('n'), 'default').route('a', '192.168.1.0/25', vgw(), 'direct')
      .table('orphan', false).route('orphan', '0.0.0.0/0', nat('n'), 'default')
      .table('pub').nat('n', 'pub');
    const inflow = computeFlow(m.build()).inflows.get('n')!;
    expect([...inflow.feedingTables]).toEqual(['a']);
    const v4 = inflow.pieces[0].addresses!;
    expect(v4.contains(cidr('192.168.1.200/32').first)).toBe(true);
    expect(v4.contains(cidr('192.168.1.1/32').first)).toBe(false);
  });

  test('NAT64: 64:ff9b::/96 to the NAT gateway feeds it all of IPv4', () => {
    const m = new ModelDsl().table('a').route('a', '64:ff9b::/96', nat('n'), 'nat64').table('pub').nat('n', 'pub');
    const [piece] = computeFlow(m.build()).inflows.get('n')!.pieces;
    expect(piece.family).toBe(4);
    expect(piece.nat64).toBe(true);
    expect(piece.addresses!.intervals).toEqual([{ lo: 0n, hi: 0xffffffffn }]);
  });

  test('other IPv6 feeds stay IPv6 and do not reach IPv4 routes', () => {
    const m = new ModelDsl().table('a').route('a', '2001:db8::/32', nat('n'), 'v6').table('pub').nat('n', 'pub');
    const pieces = computeFlow(m.build()).inflows.get('n')!.pieces;
    expect(pieces.map((p) => p.family)).toEqual([6]);
  });

  test('::/0 to the NAT gateway feeds IPv6 and, through its NAT64 part, all of IPv4', () => {
    const m = new ModelDsl().table('a').route('a', '::/0', nat('n'), 'v6').table('pub').nat('n', 'pub');
    const pieces = computeFlow(m.build()).inflows.get('n')!.pieces;
    expect(pieces.map((p) => p.family).sort()).toEqual([4, 6]);
    const v4 = pieces.find((p) => p.family === 4)!;
    expect(v4.nat64).toBe(true);
    expect(v4.addresses!.intervals).toEqual([{ lo: 0n, hi: 0xffffffffn }]);
  });

  test('an unresolved destination to the NAT gateway makes the inflow unknown', () => {
    const m = new ModelDsl().table('a').route('a', '?ImportValue(x)', nat('n')).table('pub').nat('n', 'pub');
    const inflow = computeFlow(m.build()).inflows.get('n')!;
    expect(inflow.unknown).toHaveLength(1);
    expect(inflow.pieces).toHaveLength(0);
  });
});
