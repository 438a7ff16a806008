import type { ZxcvbnResult } from '@zxcvbn-ts/core';

/**
 * Length-based rules and a strength estimate, no composition rules (NIST SP 800-63B §5.1.1.2).
 * zxcvbn-ts estimates how many guesses an attacker needs, using lists of common passwords,
 * words, names and keyboard patterns, plus the person's own email and name.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn score 3 means roughly 10^8 guesses or more: "safely unguessable" for an online attack. */
const MIN_SCORE = 3;

/**
 * zxcvbn-ts's `check` with Mend's dictionaries loaded (features/accounts/password-strength.ts loads them
 * on first use: they are large, and most processes never judge a new password).
 */
export type StrengthEstimator = (password: string, userInputs: string[]) => ZxcvbnResult;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

function isCommon(result: ZxcvbnResult): boolean {
  return result.sequence.some(
    (m) =>
      m.pattern === 'dictionary' &&
      String((m as { dictionaryName?: unknown }).dictionaryName).startsWith('passwords') &&
      m.token.length >= result.password.length - 2,
  );
}

const lettersOnly = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** True when the password is mostly the person's own email or name, which others can guess. */
function isPersonal(password: string, personal: string[]): boolean {
  const flat = lettersOnly(password);
  return personal
    .flatMap((p) => [p, p.split('@')[0] ?? ''])
    .map(lettersOnly)
    .some((p) => p.length >= 4 && flat.includes(p) && p.length * 2 >= flat.length);
}

/** Judges a new password; `personal` holds the person's email and name, which make weak passwords. */
export function judgePassword(password: string, personal: string[], estimate: StrengthEstimator): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return { ok: false, reason: `Use at least ${PASSWORD_MIN_LENGTH} characters. A few ordinary words in a row work well.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { ok: false, reason: `Use at most ${PASSWORD_MAX_LENGTH} characters.` };
  }
  if (isPersonal(password, personal)) {
    return { ok: false, reason: 'This password is mostly your email or name, which others could guess. Please choose another.' };
  }
  const inputs = personal.flatMap((p) => [p, ...p.split(/[@.\s_-]+/)]).filter((p) => p.length >= 3);
  const result = estimate(password.slice(0, 100), inputs);
  if (isCommon(result)) {
    return {
      ok: false,
      reason: 'This password is on lists of commonly used passwords, so it would be guessed quickly. Please choose another.',
    };
  }
  if (result.score < MIN_SCORE) {
    const hint = result.feedback.warning ? ` ${result.feedback.warning}` : '';
    return {
      ok: false,
      reason: `This password would be too easy to guess.${hint} Try a few unrelated words, or a longer phrase only you would think of.`,
    };
  }
  return { ok: true };
}
