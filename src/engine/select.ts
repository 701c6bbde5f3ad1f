/** Small array helpers shared by the indexes. */

export function binarySearch(array: Int32Array, start: number, end: number, value: number): number {
  let low = start;
  let high = end - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = array[mid] ?? 0;
    if (at === value) return mid;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The `limit` entries with the highest scores, best first (ties: lower position first). */
export function selectTop(candidates: Int32Array, count: number, scores: Float64Array, limit: number): Array<{ position: number; sum: number }> {
  // A small array kept sorted, best first; most candidates fail the one comparison with its last.
  const top: number[] = [];
  let floor = -Infinity;
  for (let k = 0; k < count; k++) {
    const c = candidates[k] ?? 0;
    const score = scores[c] ?? 0;
    if (top.length === limit && score <= floor) continue;
    let i = top.length;
    while (i > 0) {
      const other = top[i - 1] ?? 0;
      const otherScore = scores[other] ?? 0;
      if (otherScore > score || (otherScore === score && other < c)) break;
      i--;
    }
    top.splice(i, 0, c);
    if (top.length > limit) top.pop();
    if (top.length === limit) floor = scores[top[limit - 1] ?? 0] ?? 0;
  }
  return top.map((position) => ({ position, sum: scores[position] ?? 0 }));
}
