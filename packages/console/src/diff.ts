// A line diff (longest common subsequence), for two revisions of a task definition as JSON: a few hundred
// lines each, so the quadratic table is small.
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

export function diffLines(a: string[], b: string[]): DiffLine[] {
  const n = a.length, m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push({ kind: 'added', text: b[j++]! });
    else out.push({ kind: 'removed', text: a[i++]! });
  }
  return out;
}
