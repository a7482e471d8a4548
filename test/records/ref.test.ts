/** Reference markers (src/records/ref.ts): a path survives whatever characters it holds. */
import fc from 'fast-check';
import { hasRef, makeRef, neverEmpty, refOf, replaceRefs } from '../../src/records/ref';

test('a marker gives back its path and attribute, whatever the path holds', () => {
  fc.assert(fc.property(fc.string(), fc.constantFrom('Ref', 'CidrBlock', 'Outputs.X'), (path, attr) => {
    fc.pre(!path.includes('}}'));
    const marker = makeRef(path, attr);
    expect(refOf(marker)).toEqual({ path, attr });
    expect(hasRef(`x-${marker}-y`)).toBe(true);
  }), { seed: 7, numRuns: 300 });
});

test('a string that only holds a marker among other text is not one reference, and its markers can be rendered', () => {
  const text = `${makeRef('S/Vpc', 'CidrBlock')}/24 via ${makeRef('S/Igw', 'Ref')}`;
  expect(refOf(text)).toBeUndefined();
  expect(replaceRefs(text, (p, a) => `<${p}.${a}>`)).toBe('<S/Vpc.CidrBlock>/24 via <S/Igw.Ref>');
  expect(hasRef('{{resolve:ssm:/net}}')).toBe(false);
  expect(refOf(42)).toBeUndefined();
});

test('neverEmpty: a value that holds a resource id (Ref, …Id, …Arn) can never be the empty string; anything else can', () => {
  const [mk, ne] = [makeRef, neverEmpty];
  expect(ne(mk('S/Rt', 'Ref'))).toBe(true);
  expect(ne(`prefix-${mk('S/Tgw', 'TransitGatewayArn')}`)).toBe(true);
  expect(ne(mk('S/Vpc', 'DefaultSecurityGroupId'))).toBe(true);
  expect(ne(mk('S/Vpc', 'CidrBlock'))).toBe(false);
  expect(ne('')).toBe(false);
  expect(ne('literal')).toBe(false);
  expect(ne({ Ref: 'Param' })).toBe(false);
});
