/**
 * Loads the coach corpus and scores the analyser on one part of it: `dev` (rules and model are
 * tuned and trained on it), `heldout` (the earlier held-out set), `test` (round 6's test part,
 * the one docs/coach.md reports) or `fresh` (rounds 9–10, which the shipped coach was neither
 * tuned nor trained on; messages and apologies only).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APOLOGY_COMPONENTS, type ApologyComponent } from '../../src/core/apology-components.js';
import { analyzeAgreement, analyzeApology, analyzeMessage } from '../../src/core/coach/index.js';
import { accuracy, binaryScores, type BinaryScores } from '../../src/core/coach/eval-metrics.js';

export type CorpusPart = 'dev' | 'heldout' | 'test' | 'fresh';

export interface MessageRow {
  text: string;
  harsh: boolean;
  family?: string;
}
export interface ApologyRow {
  text: string;
  nonApology: boolean;
  components: Record<ApologyComponent, boolean>;
}
export interface AgreementRow {
  text: string;
  vague: boolean;
}

export interface Miss {
  kind: string;
  text: string;
  expected: unknown;
  got: unknown;
}

export interface Evaluation {
  part: CorpusPart;
  counts: { messages: number; apologies: number; agreements: number };
  harsh: BinaryScores;
  nonApology: BinaryScores;
  vague: BinaryScores;
  components: Record<ApologyComponent, number>;
  /** Mean of the six per-component accuracies. */
  componentMean: number;
  /** Recall of each component (of the apologies that have it, the share found). */
  componentRecall: Record<ApologyComponent, number>;
  /** Harsh recall by family, for the rows that name one (round 6 onwards). */
  familyRecall: Record<string, { found: number; of: number }>;
  misses: Miss[];
}

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));

export function load<T>(name: string, part: CorpusPart): T[] {
  const file = `${CORPUS}${name}.${part}.jsonl`;
  if (part === 'fresh' && !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export function evaluate(part: CorpusPart): Evaluation {
  const messages = load<MessageRow>('messages', part);
  const apologies = load<ApologyRow>('apologies', part);
  const agreements = load<AgreementRow>('agreements', part);
  const misses: Miss[] = [];

  const familyRecall: Record<string, { found: number; of: number }> = {};
  const harshPairs = messages.map((r) => {
    const got = analyzeMessage(r.text);
    if (r.harsh && r.family) {
      const f = (familyRecall[r.family] ??= { found: 0, of: 0 });
      f.of++;
      if (got.harsh) f.found++;
    }
    if (got.harsh !== r.harsh)
      misses.push({ kind: 'message', text: r.text, expected: r.harsh, got: got.findings.map((f) => `${f.type}:${f.excerpt}`) });
    return [got.harsh, r.harsh] as const;
  });

  const apologyResults = apologies.map((r) => ({ row: r, got: analyzeApology(r.text) }));
  const naPairs = apologyResults.map(({ row, got }) => {
    const wrong = APOLOGY_COMPONENTS.filter((c) => got.components[c] !== row.components[c]);
    if (got.nonApology !== row.nonApology || wrong.length > 0) {
      misses.push({
        kind: 'apology',
        text: row.text,
        expected: { nonApology: row.nonApology, wrong: wrong.map((c) => `${c}=${row.components[c]}`) },
        got: got.findings.map((f) => `${f.type}:${f.excerpt}`),
      });
    }
    return [got.nonApology, row.nonApology] as const;
  });
  const components = Object.fromEntries(
    APOLOGY_COMPONENTS.map((c) => [c, accuracy(apologyResults.map(({ row, got }) => [got.components[c], row.components[c]] as const))]),
  ) as Record<ApologyComponent, number>;
  const componentRecall = Object.fromEntries(
    APOLOGY_COMPONENTS.map((c) => [
      c,
      binaryScores(apologyResults.map(({ row, got }) => [got.components[c], row.components[c]] as const)).recall,
    ]),
  ) as Record<ApologyComponent, number>;
  const componentMean = APOLOGY_COMPONENTS.reduce((sum, c) => sum + components[c], 0) / APOLOGY_COMPONENTS.length;

  const vaguePairs = agreements.map((r) => {
    const got = analyzeAgreement(r.text);
    if (got.vague !== r.vague)
      misses.push({ kind: 'agreement', text: r.text, expected: r.vague, got: got.findings.map((f) => `${f.type}:${f.excerpt}`) });
    return [got.vague, r.vague] as const;
  });

  return {
    part,
    counts: { messages: messages.length, apologies: apologies.length, agreements: agreements.length },
    harsh: binaryScores(harshPairs),
    nonApology: binaryScores(naPairs),
    vague: binaryScores(vaguePairs),
    components,
    componentMean,
    componentRecall,
    familyRecall,
    misses,
  };
}
