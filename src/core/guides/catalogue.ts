import { STEP_KEYS, stepNumber, type StepKey, type StepNumber } from '../journey/steps.js';
import type { ViewerRole } from '../journey/roles.js';

/**
 * The guides of issue #25: for each of the seven steps one guide per reader (the partner who broke
 * trust, the partner who was hurt, someone alone), and after an affair three guides for both
 * partners. The words live in Markdown files under `content/guides/` (reviewed, and later
 * translated, in one place); this file only names them and says who each is for.
 */

/** Who a step guide speaks to. `alone` is solo mode, whatever the person's role in the breach. */
export const GUIDE_AUDIENCES = ['broke-trust', 'hurt', 'alone'] as const;
export type GuideAudience = (typeof GUIDE_AUDIENCES)[number];

export const GUIDE_AUDIENCE_LABELS: Readonly<Record<GuideAudience, string>> = {
  'broke-trust': 'For the partner who broke trust',
  hurt: 'For the partner who was hurt',
  alone: 'For someone doing this alone',
};

/**
 * The guides after an affair. Each is one guide with a section for each partner, not one per role:
 * a trigger, a question or the first weeks are one exchange seen from two sides, and each partner
 * is helped by reading what the other is going through.
 */
export const AFFAIR_TOPICS = ['triggers', 'questions-and-disclosure', 'first-90-days'] as const;
export type AffairTopic = (typeof AFFAIR_TOPICS)[number];

export type GuideId = { kind: 'step'; step: StepKey; audience: GuideAudience } | { kind: 'affair'; topic: AffairTopic };

/** The file of a guide, relative to `content/guides/`. */
export function guideFile(id: GuideId): string {
  return id.kind === 'step' ? `step-${stepNumber(id.step)}/${id.audience}.md` : `affair/${id.topic}.md`;
}

/** The page of a guide: global, as guides hold nothing of anyone's (docs/journey.md, "Guides"). */
export function guideUrl(id: GuideId): string {
  return id.kind === 'step' ? `/guides/step-${stepNumber(id.step)}/${id.audience}` : `/guides/affair/${id.topic}`;
}

/** Every guide there must be: 7 steps × 3 readers, then the affair guides. */
export function allGuides(): GuideId[] {
  return [
    ...STEP_KEYS.flatMap((step) => GUIDE_AUDIENCES.map((audience): GuideId => ({ kind: 'step', step, audience }))),
    ...AFFAIR_TOPICS.map((topic): GuideId => ({ kind: 'affair', topic })),
  ];
}

/** Reads a guide page's path parts back into a guide, or null for anything else. */
export function parseGuidePath(section: string, name: string): GuideId | null {
  if (section === 'affair')
    return (AFFAIR_TOPICS as readonly string[]).includes(name) ? { kind: 'affair', topic: name as AffairTopic } : null;
  const match = /^step-([1-7])$/.exec(section);
  if (!match || !(GUIDE_AUDIENCES as readonly string[]).includes(name)) return null;
  return { kind: 'step', step: STEP_KEYS[Number(match[1]) - 1] as StepKey, audience: name as GuideAudience };
}

/**
 * The step guides a person is pointed to first: someone alone reads the solo guide; a partner reads
 * their role's (both, when both broke trust); anyone else (a therapist) is offered all three. The
 * others stay one link away: a guide is not private.
 */
export function ownAudiences(role: ViewerRole, solo: boolean): GuideAudience[] {
  if (role === 'none') return [...GUIDE_AUDIENCES];
  if (solo) return ['alone'];
  if (role === 'both') return ['broke-trust', 'hurt'];
  return [role === 'broke_trust' ? 'broke-trust' : 'hurt'];
}

export function stepGuide(step: StepKey | StepNumber, audience: GuideAudience): GuideId {
  return { kind: 'step', step: typeof step === 'number' ? (STEP_KEYS[step - 1] as StepKey) : step, audience };
}

/** Link words for the guides after an affair (each page's own title is in its file). */
export const AFFAIR_TOPIC_LABELS: Readonly<Record<AffairTopic, string>> = {
  triggers: 'Triggers, and how to answer them',
  'questions-and-disclosure': 'Questions, and what a full disclosure is',
  'first-90-days': 'The first 90 days',
};
