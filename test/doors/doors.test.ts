/**
 * Both doors on the same apps: the same verdicts, and not a byte of any template changed.
 */
import { SHAPES } from '../support/apps';
import { line, templatesUnder, throughDoor } from '../support/doors';

describe.each(SHAPES.map((s) => [s.name, s] as const))('%s', (_name, shape) => {
  const none = throughDoor(shape, 'none');
  const aspect = throughDoor(shape, 'aspect');
  const plugin = throughDoor(shape, 'plugin');

  test('adding either door changes no template, byte for byte', () => {
    const before = templatesUnder(none.outdir);
    expect(before.size).toBeGreaterThan(0);
    expect(templatesUnder(aspect.outdir)).toEqual(before);
    expect(templatesUnder(plugin.outdir)).toEqual(before);
  });

  test('the Aspect and the plugin report the same findings, with the same messages', () => {
    const sort = (fs: typeof aspect.findings) => [...fs].sort((a, b) => line(a).localeCompare(line(b)));
    expect(sort(plugin.findings)).toEqual(sort(aspect.findings));
  });
});

test('the shapes cover findings in top-level stacks, nested Stages, and aspect-made and Lazy routes', () => {
  const all = SHAPES.flatMap((s) => throughDoor(s, 'aspect').findings.map(line)).sort();
  expect(all).toEqual([
    'error NRG-PCX @ Net/Nested/Peer',
    'error NRG-PROPAGATION @ Lazy/Propagation',
    'error NRG-VGW @ Blog/Vpc/PublicSubnet1/OnPremises',
    'error NRG-VGW @ Lazy/LazyLeak',
    'error NRG-VGW @ Mutated/Vpc/PublicSubnet1/AddedByAspect',
    'error NRG-VGW @ Prod/Inner/Deep/Leaky/Vpc/PublicSubnet1/Peer',
    'error NRG-VGW @ Prod/Network/Vpc/PublicSubnet1/OnPremises',
    'error NRG-VGW @ Routes/OnPrem',
  ]);
});
