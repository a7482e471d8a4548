/** How the model's targets and destinations read in messages (src/model/model.ts). */
import { TARGET_WORDS, TargetKind, describeDestination, describeTarget } from '../../src/model/model';
import { cidrOf } from '../../src/net/cidr';

test('every target kind has words, and a target reads as them and its label', () => {
  for (const kind of Object.keys(TARGET_WORDS) as TargetKind[]) {
    expect(TARGET_WORDS[kind].length).toBeGreaterThan(0);
    // The local route has no label of its own.
    if (kind !== 'local') expect(describeTarget({ kind, key: 'k', label: 'S/Thing' })).toContain('S/Thing');
  }
  expect(describeTarget({ kind: 'vgw', key: 'k', label: 'S/Vgw' })).toMatch(/virtual private gateway S\/Vgw/);
});

test('destinations read as the CIDR, the prefix list, or the expression a person wrote', () => {
  expect(describeDestination({ kind: 'cidr', cidr: cidrOf('192.168.1.0/24') })).toContain('192.168.1.0/24');
  expect(describeDestination({ kind: 'unknown', key: 'k', label: 'Ref OnPremCidr', family: 4 })).toContain('Ref OnPremCidr');
  expect(describeDestination({ kind: 'prefix-list', key: 'k', label: 'S/Pl' })).toContain('S/Pl');
});
