// IAM's wildcards: `*` matches any run of characters (none included), `?` exactly one. Action names match
// case-insensitively; resource ARNs, and the String and ARN condition operators, case-sensitively. An
// ARN pattern matches segment by segment (partition, service, region, account, resource), so a wildcard
// never spans a colon between segments: `arn:aws:ecs:*:task/c/*` (no account) matches nothing.
//
// The matcher is the two-pointer glob walk (backtracking only to the last `*`): linear in practice, and
// never exponential, whatever pattern a policy holds.

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < v.length) {
    if (i < p.length && (p[i] === '?' || p[i] === v[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      resume = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

/** The five colons of an ARN cut it into six segments; the last (the resource) keeps any further colons. */
function segments(arn: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let k = 0; k < 5; k++) {
    const c = arn.indexOf(':', from);
    if (c < 0) break;
    out.push(arn.slice(from, c));
    from = c + 1;
  }
  out.push(arn.slice(from));
  return out;
}

/** A resource pattern (or an ARN condition value) against an ARN: `*` alone matches anything. */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = segments(pattern);
  const a = segments(arn);
  return p.length === a.length && p.every((seg, k) => wildcardMatch(seg, a[k]!));
}
