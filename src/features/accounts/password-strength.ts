import type { StrengthEstimator } from '../../core/accounts/password-policy.js';

let loading: Promise<StrengthEstimator> | null = null;

/**
 * zxcvbn-ts with the common-password lists and English words, names and keyboard graphs. Loading
 * and unpacking the dictionaries takes a noticeable part of a second, so it happens on the first
 * password judged (or when `main` warms it just after the server listens), never at import.
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
  return loading;
}
