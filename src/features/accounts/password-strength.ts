import type { StrengthEstimator } from '../../core/accounts/password-policy.js';

let loading: Promise<StrengthEstimator> | null = null;
let release: NodeJS.Timeout | null = null;

/**
 * How long the estimator is kept after the last password judged. Its matchers' tables are
 * ≈ 13 MiB of heap (and more while they are built) that only sign-up and a password change
 * need; a server that nobody signs up to for a while gives them back (issue #24, "Memory").
 */
export const KEEP_ESTIMATOR_MS = 10 * 60_000;

/**
 * zxcvbn-ts with the common-password lists and English words, names and keyboard graphs. Loading
 * and unpacking the dictionaries takes a noticeable part of a second, so it happens on the first
 * password judged, never at import nor at start (the sign-ins of a busy day do not need it);
 * it is dropped again `KEEP_ESTIMATOR_MS` after the last use.
 */
export function loadStrengthEstimator(): Promise<StrengthEstimator> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
    // The matchers build their lookup tables on the first check; do it here, not in a request.
    zxcvbn.check('mend warms its dictionaries');
    return (password, userInputs) => zxcvbn.check(password, userInputs);
  })();
  loading.catch(() => (loading = null));
  if (release) release.refresh();
  else
    release = setTimeout(() => {
      loading = null;
      release = null;
    }, KEEP_ESTIMATOR_MS).unref();
  return loading;
}
