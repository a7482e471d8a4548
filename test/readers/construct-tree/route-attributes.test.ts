/**
 * The construct reader reads each routing L1's attributes by name (`L1_READS`; a CfnRoute's each
 * written out): for every type, the properties of `READ_PROPS` in its order, each the attribute of
 * that name.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { L1_READS } from '../../../src/readers/construct-tree/properties';
import { READ_PROPS } from '../../../src/records/record';

const attr = (n: string) => n.charAt(0).toLowerCase() + n.slice(1);

/** What a reader puts, in order, from an object whose every attribute of those names has a distinct value. */
function puts(type: string, l1: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  L1_READS.get(type)!(l1, { put: (name, value) => out.push([name, value]) });
  return out;
}

test('every routing type has a reader, which puts the properties of READ_PROPS in its order, each its attribute', () => {
  expect([...L1_READS.keys()]).toEqual([...READ_PROPS.keys()]);
  for (const [type, names] of READ_PROPS) {
    const l1 = Object.fromEntries(names.map((n, i) => [attr(n), `value-${i}`]));
    expect([type, puts(type, l1)]).toEqual([type, names.map((n, i) => [n, `value-${i}`])]);
  }
});

test('on a real CfnRoute, the reader reads the attributes the class keeps', () => {
  const names = READ_PROPS.get('AWS::EC2::Route')!;
  // Every property a distinct value (an attribute the release's CfnRoute lacks stays undefined on both sides).
  const props = Object.fromEntries(names.map((n, i) => [attr(n), `value-${i}`]));
  const route = new ec2.CfnRoute(new Stack(), 'Route', props as unknown as ec2.CfnRouteProps) as unknown as Record<string, unknown>;
  // Only defined values are put (an attribute the release's CfnRoute lacks is undefined).
  expect(puts('AWS::EC2::Route', route)).toEqual(names.filter((n) => route[attr(n)] !== undefined).map((n) => [n, route[attr(n)]]));
  // The release in use knows nearly all of them (OdbNetworkArn came last).
  expect(puts('AWS::EC2::Route', route).length).toBeGreaterThanOrEqual(names.length - 1);
});
