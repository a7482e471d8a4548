import { cidrOf, cidrsOverlap, formatAddress, largestBlockAt, maxAddress, parseCidr } from '../../src/net/cidr';

function ok(text: string, family?: 4 | 6) {
  const p = parseCidr(text, family);
  if (!p.ok) throw new Error(p.error);
  return p.cidr;
}
function err(text: string, family?: 4 | 6) {
  const p = parseCidr(text, family);
  if (p.ok) throw new Error(`${text} parsed as ${p.cidr.text}`);
  return p.error;
}

describe('IPv4 CIDR parsing', () => {
  test.each([
    ['10.0.0.0/8', 0x0a000000n, 0x0affffffn],
    ['0.0.0.0/0', 0n, 0xffffffffn],
    ['192.168.1.128/25', 0xc0a80180n, 0xc0a801ffn],
    ['255.255.255.255/32', 0xffffffffn, 0xffffffffn],
  ])('%s spans the right addresses', (text, first, last) => {
    const c = ok(text);
    expect(c.family).toBe(4);
    expect(c.first).toBe(first);
    expect(c.last).toBe(last);
    expect(c.text).toBe(text);
  });

  test.each([
    ['10.0.0.0/33', 'prefix length 33 exceeds 32'],
    ['300.1.1.0/24', 'octet 300 exceeds 255'],
    ['10.0.0.1/16', 'host bits are set (the block starts at 10.0.0.0/16)'],
    ['10.0.0/8', 'four dotted octets'],
    ['10.0.0.0', 'no prefix length'],
    ['10.0.0.0/', 'not a number'],
    ['10.0.0.0/-1', 'not a number'],
    ['010.0.0.0/8', 'leading zero'],
    ['a.b.c.d/8', "octet 'a' is not a number"],
  ])('%s is refused: %s', (text, why) => {
    expect(err(text)).toContain(why);
    expect(err(text)).toContain(`'${text}'`);
  });

  test('empty or blank input is refused by name', () => {
    expect(err('')).toBe('an empty string is not a valid CIDR block');
    expect(err('   ')).toBe('an empty string is not a valid CIDR block');
  });

  test.each([
    ['/8', 'an IPv4 address has four dotted octets'],
    ['10a.0.0.0/8', "octet '10a' is not a number"],
    ['a10.0.0.0/8', "octet 'a10' is not a number"],
    ['10.0.0.0/8a', 'the prefix length is not a number'],
    ['10.0.0.0/a8', 'the prefix length is not a number'],
  ])('%s is refused: %s', (text, why) => {
    expect(err(text)).toBe(`'${text}' is not a valid CIDR block: ${why}`);
  });

  test('the expected family is accepted', () => {
    expect(ok('10.0.0.0/8', 4).text).toBe('10.0.0.0/8');
    expect(ok('2001:db8::/32', 6).text).toBe('2001:db8::/32');
  });

  test('IPv6 in the IPv4 field is refused', () => {
    expect(err('2001:db8::/32', 4)).toContain('an IPv6 block where an IPv4 block is required');
    expect(err('10.0.0.0/8', 6)).toContain('an IPv4 block where an IPv6 block is required');
  });
});

describe('IPv6 CIDR parsing', () => {
  test('compressed and full forms give the same block', () => {
    expect(ok('2001:db8::/32').first).toBe(ok('2001:0db8:0000:0000:0000:0000:0000:0000/32').first);
    expect(ok('2001:DB8::/32').text).toBe('2001:db8::/32');
  });

  test('NAT64 prefix with an embedded IPv4 address', () => {
    const c = ok('64:ff9b::/96');
    expect(c.last - c.first).toBe(0xffffffffn);
    expect(ok('64:ff9b::c0a8:100/120').first).toBe(ok('64:ff9b::192.168.1.0/120').first);
    expect(ok('::ffff:10.0.0.0/104').text).toBe('::ffff:a00:0/104');
  });

  test('::/0 covers all of IPv6', () => {
    const c = ok('::/0');
    expect(c.first).toBe(0n);
    expect(c.last).toBe(2n ** 128n - 1n);
  });

  test('seven explicit groups and :: is a full address', () => {
    expect(ok('1:2:3:4:5:6:7::/128').text).toBe('1:2:3:4:5:6:7:0/128');
    expect(ok('::2:3:4:5:6:7:8/128').text).toBe('0:2:3:4:5:6:7:8/128');
  });

  test('an embedded IPv4 address is checked like any other', () => {
    expect(err('64:ff9b::300.1.1.1/128')).toContain('octet 300 exceeds 255');
    expect(err('64:ff9b::1.2.3/128')).toContain('four dotted octets');
    // A dot before the last group is not an embedded address.
    expect(err('64:ff9b:1.2::/64')).toContain("group '1.2' is not 1-4 hex digits");
  });

  test.each([
    ['2001:db8::/129', 'exceeds 128'],
    ['g2001:db8::/32', "group 'g2001' is not 1-4 hex digits"],
    ['2001x:db8::/32', "group '2001x' is not 1-4 hex digits"],
    ['2001:db8::1/32', 'host bits are set'],
    ['2001:db8::1::/64', "'::' appears more than once"],
    ['2001:db8:0:0:0:0:0/64', 'eight groups'],
    ['2001:db8g::/32', 'not 1-4 hex digits'],
    ['1:2:3:4:5:6:7:8::/128', "'::' must stand for at least one group"],
  ])('%s is refused: %s', (text, why) => {
    expect(err(text)).toContain(why);
  });
});

describe('formatting', () => {
  test('RFC 5952: longest zero run compressed, single zero group kept', () => {
    expect(formatAddress(6, ok('2001:db8:0:1:0:0:0:0/128').first)).toBe('2001:db8:0:1::');
    expect(formatAddress(6, ok('2001:0:0:1:0:0:0:1/128').first)).toBe('2001:0:0:1::1');
    expect(formatAddress(6, 0n)).toBe('::');
    expect(formatAddress(6, ok('1:0:0:2:0:0:0:3/128').first)).toBe('1:0:0:2::3');
    expect(formatAddress(6, ok('1:0:0:0:2:0:0:3/128').first)).toBe('1::2:0:0:3');
    expect(formatAddress(6, ok('1:0:0:2:0:0:3:4/128').first)).toBe('1::2:0:0:3:4');
    expect(formatAddress(6, ok('1:2:3:4:5:6:7:8/128').first)).toBe('1:2:3:4:5:6:7:8');
    expect(formatAddress(6, ok('1:2:3:4:5:6:7:0/128').first)).toBe('1:2:3:4:5:6:7:0');
    expect(formatAddress(6, ok('0:0:3:4:5:6:7:8/128').first)).toBe('::3:4:5:6:7:8');
    expect(formatAddress(4, 0xc0a80101n)).toBe('192.168.1.1');
  });

  test('largest block at the start of an interval', () => {
    expect(largestBlockAt(4, 0xc0a80180n, 0xc0a801ffn).text).toBe('192.168.1.128/25');
    expect(largestBlockAt(4, 0xc0a80180n, 0xc0a80200n).text).toBe('192.168.1.128/25');
    expect(largestBlockAt(4, 0xc0a80181n, 0xc0a801ffn).text).toBe('192.168.1.129/32');
    expect(largestBlockAt(4, 0n, 0xffffffffn).text).toBe('0.0.0.0/0');
    expect(largestBlockAt(4, 0n, 5n).text).toBe('0.0.0.0/30');
    expect(largestBlockAt(4, 8n, 8n).text).toBe('0.0.0.8/32');
  });
});

test('cidrOf takes constants and refuses anything else', () => {
  expect(cidrOf('64:ff9b::/96').length).toBe(96);
  expect(() => cidrOf('64:ff9b::/129')).toThrow("'64:ff9b::/129' is not a valid CIDR block: the prefix length 129 exceeds 128");
});

test('the last address of each family', () => {
  expect(maxAddress(4)).toBe(0xffffffffn);
  expect(maxAddress(6)).toBe(2n ** 128n - 1n);
});

describe('overlap of two blocks', () => {
  test.each([
    ['10.0.0.0/16', '10.0.255.0/24', true], // nested
    ['10.0.255.0/24', '10.0.0.0/16', true], // nested, the other way round
    ['10.0.0.0/24', '10.0.0.0/24', true], // identical
    ['10.0.0.0/24', '10.0.1.0/24', false], // adjacent
    ['10.0.1.0/24', '10.0.0.0/24', false], // adjacent, the other way round
    ['0.0.0.0/0', '255.255.255.255/32', true], // the last address
    ['255.255.255.255/32', '0.0.0.0/0', true], // the last address, the other way round
    ['10.0.0.255/32', '10.0.0.0/24', true], // sharing only the other's last address
    ['0.0.0.0/32', '0.0.0.1/32', false], // single addresses
    ['0.0.0.0/0', '::/0', false], // families never overlap
    ['::/96', '0.0.0.0/0', false], // not even at the same numbers
  ])('%s and %s: %s', (a, b, expected) => {
    expect(cidrsOverlap(cidrOf(a), cidrOf(b))).toBe(expected);
  });
});
