/** Same-app SSM parameters resolved in the records (src/records/ssm.ts), on hand-made records. */
import { ResourceRecord } from '../../src/records/record';
import { makeRef } from '../../src/records/ref';
import { resolveSsmParameters, ssmMarker } from '../../src/records/ssm';

const parameter = (path: string, name: unknown, value: unknown, condition?: string): ResourceRecord => ({
  path, type: 'AWS::SSM::Parameter', properties: { Name: name, Value: value }, ...(condition ? { condition } : {}),
});
const route = (tgw: unknown): ResourceRecord => ({ path: 'S/Route', type: 'AWS::EC2::Route', properties: { RouteTableId: 'rtb-1', TransitGatewayId: tgw } });
const tgwOf = (records: readonly ResourceRecord[]) => records.find((r) => r.path === 'S/Route')!.properties.TransitGatewayId;
const TGW = makeRef('N/Tgw', 'Ref');

describe('SSM parameters of the analysed set', () => {
  test('a marked parameter and a dynamic reference take the Value of the parameter with that Name; the record may vary', () => {
    for (const v of [ssmMarker('/net/tgw', { Ref: 'TgwIdParam' }), '{{resolve:ssm:/net/tgw}}']) {
      const r = route(v);
      const out = resolveSsmParameters([parameter('N/P', '/net/tgw', TGW), r], [], true);
      expect(tgwOf(out.records)).toBe(TGW);
      expect(out.mayVary?.map((x) => x.path)).toEqual(['S/Route']);
    }
  });

  test('no parameter of that name, two of it, one under a condition, or a Name the template does not decide: the expression as written', () => {
    const marked = ssmMarker('/net/tgw', { Ref: 'TgwIdParam' });
    const cases: ResourceRecord[][] = [
      [],
      [parameter('N/P', '/net/tgw', TGW), parameter('N/Q', '/net/tgw', 'tgw-2')],
      [parameter('N/P', '/net/tgw', TGW, 'N|IfHub')],
      [parameter('N/P', { Ref: 'Name' }, TGW)],
    ];
    for (const set of cases) {
      expect(tgwOf(resolveSsmParameters([...set, route(marked)], undefined, true).records)).toEqual({ Ref: 'TgwIdParam' });
      expect(tgwOf(resolveSsmParameters([...set, route('{{resolve:ssm:/net/tgw}}')], undefined, false).records)).toBe('{{resolve:ssm:/net/tgw}}');
    }
  });

  test('a versioned dynamic reference ({{resolve:ssm:name:3}}) names a version the templates cannot know: left as written', () => {
    expect(tgwOf(resolveSsmParameters([parameter('N/P', '/net/tgw', TGW), route('{{resolve:ssm:/net/tgw:3}}')], undefined, false).records))
      .toBe('{{resolve:ssm:/net/tgw:3}}');
  });

  test('nothing marked and no parameters: the very same records', () => {
    const records = [route('tgw-1')];
    expect(resolveSsmParameters(records, undefined, false).records).toBe(records);
  });
});
