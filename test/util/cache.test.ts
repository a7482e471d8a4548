/** The cache type (src/util/cache.ts): each key computed once, its value kept. */
import { Cache } from '../../src/util/cache';

test('each key is computed once, and the same value returned after', () => {
  const computed: string[] = [];
  const cache = new Cache((k: string) => {
    computed.push(k);
    return { k };
  });
  const a = cache.get('a');
  expect(cache.get('a')).toBe(a);
  cache.get('b');
  cache.get('a');
  expect(computed).toEqual(['a', 'b']);
});
