/**
 * Loads the coach corpus and scores the analyser on one part of it.
 *
 * Development parts (rules are tuned on them, and the model trained on `dev`): `dev`, `r11`, `r13` to `r13d`, `r14` to `r14d`, `r15` to `r15d`, `r16`, `r17`, `r19`, `r19b`.
 * Only these can be loaded row by row (`load`) or listed miss by miss (`evaluateDevelopment`).
 *
 * Held-out parts, scored in aggregate only (`evaluate`): `test` (round 6's test part),
 * `heldout` (the earlier held-out set), `fresh` (rounds 9–10), `unseen` (round 12, written by
 * an independent engineer who never saw the coach) and `unseen2` (round 19, a second set by a
 * third independent author, which may not be in the corpus yet: `missingFiles`). Their rows are
 * read here, scored one at a time and dropped: no text, no per-row result and no per-row finding
 * leaves this module for a held-out part — an `Evaluation` holds counts, scores and per-family
 * tallies, nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { APOLOGY_COMPONENTS, type ApologyComponent } from '../../src/core/apology-components.js';
import { analyzeAgreement, analyzeApology, analyzeMessage } from '../../src/core/coach/index.js';
import { accuracy, binaryScores, type BinaryScores } from '../../src/core/coach/eval-metrics.js';

export const DEVELOPMENT_PARTS = [
  'dev',
  'r11',
  'r13',
  'r13b',
  'r13c',
  'r13d',
  'r14',
  'r14b',
  'r14c',
  'r14d',
  'r15',
  'r15b',
  'r15c',
  'r15d',
  'r16',
  'r17',
  'r19',
  'r19b',
] as const;
export const HELD_OUT_PARTS = ['test', 'heldout', 'fresh', 'unseen', 'unseen2'] as const;
export type DevelopmentPart = (typeof DEVELOPMENT_PARTS)[number];
export type HeldOutPart = (typeof HELD_OUT_PARTS)[number];
export type CorpusPart = DevelopmentPart | HeldOutPart;

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

/** Aggregate figures only: this is all a held-out part ever yields. */
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
  /** Precision of each component (of the apologies credited with it, the share that have it). */
  componentPrecision: Record<ApologyComponent, number>;
  /** Harsh recall by family, for the rows that name one (round 6 onwards). */
  familyRecall: Record<string, { found: number; of: number }>;
  /** False alarms by hard-negative family (`not-harsh:…`), for the rows that name one. */
  familyFalseAlarms: Record<string, { flagged: number; of: number }>;
  /** False alarms by the finding type that raised them (a message counts once per type). */
  falseAlarmTypes: Record<string, number>;
}

export interface DevelopmentEvaluation extends Evaluation {
  misses: Miss[];
}

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const KINDS = ['messages', 'apologies', 'agreements'] as const;

/** Where the corpus is read from: the repository's, unless a test points elsewhere. */
export interface CorpusOptions {
  corpus?: string;
}

/** Parts that may lack a file (`fresh` and the round batches have no agreements; `unseen2` may not have come yet). */
function mayLack(part: CorpusPart): boolean {
  return part === 'fresh' || part === 'unseen2' || part.startsWith('r1');
}

/** The part's files that are not in the corpus (names only; nothing is read). */
export function missingFiles(part: CorpusPart, options: CorpusOptions = {}): string[] {
  const dir = options.corpus ?? CORPUS;
  return KINDS.map((kind) => `${kind}.${part}.jsonl`).filter((file) => !existsSync(`${dir}${file}`));
}

function isDevelopmentPart(part: string): part is DevelopmentPart {
  return (DEVELOPMENT_PARTS as readonly string[]).includes(part);
}

function readPart<T>(name: string, part: CorpusPart, dir: string = CORPUS): T[] {
  const file = `${dir}${name}.${part}.jsonl`;
  if (!existsSync(file) && mayLack(part)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Rows of a development part (the trainer's input). Held-out parts cannot be loaded row by row. */
export function load<T>(name: string, part: DevelopmentPart): T[] {
  if (!isDevelopmentPart(part)) throw new Error(`held-out parts are scored in aggregate only, not loaded: ${String(part)}`);
  return readPart<T>(name, part);
}

function score(part: CorpusPart, onMiss: ((m: Miss) => void) | null, dir: string = CORPUS): Evaluation {
  const messages = readPart<MessageRow>('messages', part, dir);
  const apologies = readPart<ApologyRow>('apologies', part, dir);
  const agreements = readPart<AgreementRow>('agreements', part, dir);

  const familyRecall: Record<string, { found: number; of: number }> = {};
  const familyFalseAlarms: Record<string, { flagged: number; of: number }> = {};
  const falseAlarmTypes: Record<string, number> = {};
  const harshPairs = messages.map((r) => {
    const got = analyzeMessage(r.text);
    if (r.family && r.harsh) {
      const f = (familyRecall[r.family] ??= { found: 0, of: 0 });
      f.of++;
      if (got.harsh) f.found++;
    } else if (r.family && !r.harsh) {
      const f = (familyFalseAlarms[r.family] ??= { flagged: 0, of: 0 });
      f.of++;
      if (got.harsh) f.flagged++;
    }
    if (got.harsh && !r.harsh)
      for (const type of new Set(got.findings.map((f) => f.type))) falseAlarmTypes[type] = (falseAlarmTypes[type] ?? 0) + 1;
    if (onMiss && got.harsh !== r.harsh)
      onMiss({ kind: 'message', text: r.text, expected: r.harsh, got: got.findings.map((f) => `${f.type}:${f.excerpt}`) });
    return [got.harsh, r.harsh] as const;
  });

  const pairsOf: Record<ApologyComponent, (readonly [boolean, boolean])[]> = {
    regret: [],
    responsibility: [],
    impact: [],
    change: [],
    repair: [],
    forgiveness: [],
  };
  const naPairs = apologies.map((row) => {
    const got = analyzeApology(row.text);
    for (const c of APOLOGY_COMPONENTS) pairsOf[c].push([got.components[c], row.components[c]]);
    if (onMiss) {
      const wrong = APOLOGY_COMPONENTS.filter((c) => got.components[c] !== row.components[c]);
      if (got.nonApology !== row.nonApology || wrong.length > 0) {
        onMiss({
          kind: 'apology',
          text: row.text,
          expected: { nonApology: row.nonApology, wrong: wrong.map((c) => `${c}=${row.components[c]}`) },
          got: got.findings.map((f) => `${f.type}:${f.excerpt}`),
        });
      }
    }
    return [got.nonApology, row.nonApology] as const;
  });
  const components = Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, accuracy(pairsOf[c])])) as Record<ApologyComponent, number>;
  const componentRecall = Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, binaryScores(pairsOf[c]).recall])) as Record<
    ApologyComponent,
    number
  >;
  const componentPrecision = Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, binaryScores(pairsOf[c]).precision])) as Record<
    ApologyComponent,
    number
  >;
  const componentMean = APOLOGY_COMPONENTS.reduce((sum, c) => sum + components[c], 0) / APOLOGY_COMPONENTS.length;

  const vaguePairs = agreements.map((r) => {
    const got = analyzeAgreement(r.text);
    if (onMiss && got.vague !== r.vague)
      onMiss({ kind: 'agreement', text: r.text, expected: r.vague, got: got.findings.map((f) => `${f.type}:${f.excerpt}`) });
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
    componentPrecision,
    familyRecall,
    familyFalseAlarms,
    falseAlarmTypes,
  };
}

/** Thrown when a part that may not have come yet (`unseen2`) has none of its files. */
export class MissingPartError extends Error {}

/**
 * Aggregate figures for any part, held-out or not. Nothing per row is kept. The second unseen
 * set is scored on whichever of its files are there (`missingFiles` names the others); with none
 * there, a `MissingPartError` says so rather than figures of an empty set.
 */
export function evaluate(part: CorpusPart, options: CorpusOptions = {}): Evaluation {
  const dir = options.corpus ?? CORPUS;
  if (part === 'unseen2' && missingFiles(part, options).length === KINDS.length)
    throw new MissingPartError(
      `the second unseen set (round 19) is not in ${dir} yet: none of ${KINDS.map((k) => `${k}.unseen2.jsonl`).join(', ')} is there`,
    );
  return score(part, null, dir);
}

/** Aggregate figures and the misses, for a development part only. */
export function evaluateDevelopment(part: DevelopmentPart): DevelopmentEvaluation {
  if (!isDevelopmentPart(part)) throw new Error(`misses are listed for development parts only, not ${String(part)}`);
  const misses: Miss[] = [];
  const result = score(part, (m) => misses.push(m));
  return { ...result, misses };
}
