/**
 * The construct reader reads each routing L1's attributes by name (`L1_READS`; a CfnRoute's each
 * with a read of its own): for every type and property, the attribute of that name, in the order
 * of `READ_PROPS`.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { L1_READS } from '../../../src/readers/construct-tree/properties';
import { READ_PROPS } from '../../../src/records/record';

const attr = (n: string) => n.charAt(0).toLowerCase() + n.slice(1);

test('every routing type has a reader, with the properties of READ_PROPS in its order', () => {
  expect([...L1_READS.keys()]).toEqual([...READ_PROPS.keys()]);
  for (const [type, names] of READ_PROPS) expect([type, L1_READS.get(type)!.map(([n]) => n)]).toEqual([type, names]);
});

test('a CfnRoute\'s attributes read by name are those of READ_PROPS', () => {
  const names = READ_PROPS.get('AWS::EC2::Route')!;
  // Every property a distinct value (an attribute the release's CfnRoute lacks stays undefined on both sides).
  const props = Object.fromEntries(names.map((n, i) => [attr(n), `value-${i}`]));
  const route = new ec2.CfnRoute(new Stack(), 'Route', props as unknown as ec2.CfnRouteProps) as unknown as Record<string, unknown>;
  const reads = L1_READS.get('AWS::EC2::Route')!;
  reads.forEach(([n, read]) => expect([n, read(route)]).toEqual([n, route[attr(n)]]));
  // The release in use knows nearly all of them (OdbNetworkArn came last).
  expect(reads.filter(([, read]) => read(route) !== undefined).length).toBeGreaterThanOrEqual(names.length - 1);
});
