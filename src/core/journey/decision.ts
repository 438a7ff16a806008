/**
 * The answer of every "may this happen?" rule: yes, or no with a stable reason code that the
 * server maps to an error (and pages to a calm explanation).
 */
export type Decision<Reason extends string> = { readonly ok: true } | { readonly ok: false; readonly reason: Reason };

export const allow = { ok: true } as const;

export function deny<Reason extends string>(reason: Reason): { readonly ok: false; readonly reason: Reason } {
  return { ok: false, reason };
}
