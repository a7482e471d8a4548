/**
 * The construct reader reads a CfnRoute's attributes by name (`routeAttributes`), apart from the
 * general loop over `READ_PROPS`: both must give the same attribute for each property.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { READ_PROPS } from '../../src/reader/build-model';
import { routeAttributes } from '../../src/reader/construct-reader';

test('a CfnRoute\'s attributes read by name are those of READ_PROPS, in its order', () => {
  const names = READ_PROPS.get('AWS::EC2::Route')!;
  const attr = (n: string) => n.charAt(0).toLowerCase() + n.slice(1);
  // Every property a distinct value (an attribute the release's CfnRoute lacks stays undefined on both sides).
  const props = Object.fromEntries(names.map((n, i) => [attr(n), `value-${i}`]));
  const route = new ec2.CfnRoute(new Stack(), 'Route', props as unknown as ec2.CfnRouteProps) as unknown as Record<string, unknown>;
  const read = routeAttributes(route);
  expect(read).toHaveLength(names.length);
  names.forEach((n, i) => expect([n, read[i]]).toEqual([n, route[attr(n)]]));
  // The release in use knows nearly all of them (OdbNetworkArn came last).
  expect(read.filter((v) => v !== undefined).length).toBeGreaterThanOrEqual(names.length - 1);
});
