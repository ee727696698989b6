// databases-matching: globs on database names. Hand-written for two wildcards (`*` any run of
// characters, `?` one), as people write them for names: a path glob library (minimatch, picomatch)
// treats `/` and leading dots apart, which names do not have. The matching is the greedy one with
// a single backtrack point, linear-times-linear at worst: a glob turned into a regular expression
// (`*a*a*a*b`) can take exponential time on a name the API chose.

function wildcard(glob: string[], name: string[]): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === name[n])) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (star !== -1) {
      g = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

/** Whether a name matches one of the globs (the whole name, case-sensitive). */
export function matcher(globs: string[]): (name: string) => boolean {
  // By code points: `?` stands for one character, an emoji or a letter outside the BMP alike.
  const split = globs.map((glob) => Array.from(glob));
  return (name) => {
    const chars = Array.from(name);
    return split.some((glob) => wildcard(glob, chars));
  };
}
