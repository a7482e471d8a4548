/** Construct paths as the doors walk them. */

/** A path and its ancestors, nearest first (`S/Vpc/R`, `S/Vpc`, `S`). */
export function* ancestorPaths(path: string): Generator<string> {
  for (let p = path; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') yield p;
}
