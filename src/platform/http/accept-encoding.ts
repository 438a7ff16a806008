/** The content codings Mend itself sends, in the order it prefers them when a client likes both alike. */
export type Coding = 'br' | 'gzip';
const OFFERED: readonly Coding[] = ['br', 'gzip'];

/**
 * The coding to send under an Accept-Encoding header (RFC 9110, 12.5.3), or null for the bytes as
 * they are. A coding the header names takes its own weight; one it does not name takes the weight
 * of `*`, if any; weight 0 refuses it (`gzip;q=0, *` refuses gzip and accepts brotli). The highest
 * weight wins, brotli on a tie: it is about a fifth smaller than gzip for Mend's pages.
 */
export function chooseCoding(header: string | undefined): Coding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9.]+)$/.exec(p);
      if (m) q = Number(m[1]);
    }
    if (Number.isFinite(q)) weights.set(name, Math.min(Math.max(q, 0), 1));
  }
  let best: Coding | null = null;
  let bestWeight = 0;
  for (const coding of OFFERED) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}
