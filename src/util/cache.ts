/**
 * Values computed once per key. Readers and the model builder meet the same few values (a
 * table's id, a gateway, a CIDR block, a token) thousands of times in a large app; each is
 * worked out the first time and looked up after. The function is given once, so a lookup
 * makes no closure.
 */
export class Cache<K, V> {
  private readonly values = new Map<K, V>();

  /** @param compute the value of a key; never undefined */
  constructor(private readonly compute: (key: K) => V) {}

  /** The value of `key`, computed on first need. */
  public get(key: K): V {
    let v = this.values.get(key);
    if (v === undefined) {
      v = this.compute(key);
      this.values.set(key, v);
    }
    return v;
  }
}
