/**
 * A matrix over the constructs' options: every synthesized app has zero guard findings and every
 * template passes cfn-lint (where installed).
 */
import { Stack } from 'aws-cdk-lib';
import { HAS_REGIONAL_NAT } from '../cdk-version';
import { appWithStack, cfnLint } from './fixtures';
import { GatewayEndpointService, HybridVpc, NatEgressVpc, NatGatewayMode, OnPremisesConnection } from '../../src';
import { summary } from '../guard/helpers';

interface Combo {
  readonly azs: number;
  readonly nat: 'one' | 'per-az' | 'regional';
  readonly hybrid: 'none' | 'vpn' | 'vpn+dx+propagation' | 'tgw';
  readonly peering: boolean;
  readonly dualStack: boolean;
  readonly endpoints: boolean;
}

// Every value of every option appears, and each pair of AZ count and hybrid mode.
const COMBOS: Combo[] = [];
for (const azs of [1, 2, 3]) {
  for (const hybrid of ['none', 'vpn', 'vpn+dx+propagation', 'tgw'] as const) {
    const i = COMBOS.length;
    COMBOS.push({
      azs,
      hybrid,
      // The peer minimum of aws-cdk-lib has no regional NAT gateways: zonal per AZ there instead.
      nat: (['one', 'per-az', HAS_REGIONAL_NAT ? 'regional' : 'per-az'] as const)[i % 3],
      peering: i % 2 === 0,
      dualStack: i % 4 === 1 || i % 4 === 2,
      endpoints: i % 5 !== 4,
    });
  }
}

function build(stack: Stack, c: Combo) {
  const base = {
    maxAzs: c.azs,
    ...(c.nat === 'regional' ? { natGatewayMode: NatGatewayMode.REGIONAL } : { natGateways: c.nat === 'one' ? 1 : c.azs }),
    dualStack: c.dualStack,
    gatewayEndpoints: c.endpoints ? undefined : ([] as GatewayEndpointService[]),
  };
  const vpc = c.hybrid === 'none'
    ? new NatEgressVpc(stack, 'Vpc', base)
    : new HybridVpc(stack, 'Vpc', {
      ...base,
      onPremisesCidrs: ['192.168.0.0/16', '172.16.0.0/12'],
      ...(c.hybrid === 'tgw' ? { connection: OnPremisesConnection.TRANSIT_GATEWAY, transitGatewayId: 'tgw-0123456789abcdef0' } : {}),
      ...(c.hybrid === 'vpn' ? { vpnConnections: { Site: { ip: '203.0.113.10', asn: 65010 } } } : {}),
      ...(c.hybrid === 'vpn+dx+propagation' ? { vpnRoutePropagation: true, directConnectGatewayId: '5f3a1b2c-1111-2222-3333-444455556666' } : {}),
    });
  if (c.peering) vpc.routeToPeeringConnection('Peer', { destinationCidr: '10.50.0.0/16', peeringConnectionId: 'pcx-0123456789abcdef0' });
}

describe('construct matrix', () => {
  const templates: Record<string, unknown> = {};

  test.each(COMBOS.map((c) => [JSON.stringify(c), c] as const))('%s: zero guard findings', (_name, c) => {
    const { app, stack } = appWithStack();
    build(stack, c);
    expect(summary(app)).toEqual([]);
    templates[`combo${Object.keys(templates).length}`] = app.synth().getStackByName('S').template;
  });

  test('every template passes cfn-lint', () => {
    expect(Object.keys(templates)).toHaveLength(COMBOS.length);
    const lint = cfnLint(templates);
    if (!lint) return; // reported visibly by cfnLint
    expect(lint.output).toBe('');
    expect(lint.status).toBe(0);
  }, 300_000);
});
