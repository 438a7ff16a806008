/**
 * What a model head needs before it may add an apology part (issue #22, round 11): the part must be
 * backed by the apology's structure. Only the model uses these, so they travel with it
 * (model.ts's reader) and stay out of the browser island until the model is fetched.
 */
import type { ApologyComponent } from '../apology-components.js';
import { NOT_A_WRONG } from './past-acts.js';

/** Past forms with no "-ed": the apologiser as the agent of an irregular act ("I froze you out"). */
const IRREGULAR_PAST =
  'ate|bit|blew|bought|broke|brought|caught|chose|came|cut|did|drank|drove|fell|fought|flew|forgot|froze|gave|got|went|grabbed|hid|hit|held|hung|kept|left|let|lost|made|met|paid|put|quit|ran|read|rode|said|sat|saw|sent|set|shook|shot|shut|slept|sold|spent|spoke|stole|stood|swore|took|tore|told|threw|woke|won|wore|wrote|upset|hurt|walked out|sent';

/**
 * Responsibility is the apologiser as the grammatical agent of a past act: "I + past verb",
 * "I was the one who", "that was on me", "my fault/choice". Without one, an apology that only
 * regrets or loves ("I'm sorry, I really am. I love you.") owns nothing, whatever the head says.
 */
const OWNS_AN_ACT = new RegExp(
  String.raw`\bi(?:'ve| have| had|'d)?\s+(?:(?:just|really|also|then|even|still|never|completely|totally|deliberately|knowingly|basically|kind of|sort of)\s+)?(?:(?!(?:${NOT_A_WRONG})\b)[a-z]{2,}ed|${IRREGULAR_PAST})\b|\bi was (?:the one|so|too|being|not|wrong|rude|cold|short|late|out|away|drunk|unfair|harsh|distant|selfish|careless)\b|\bi wasn't\b|\b(?:on|of) me\b|\bmy (?:fault|choice|doing|decision|mistake|responsibility|part|behaviou?r|words|lie|lies|actions)\b|\bwhat i (?:did|said|put)\b|\bno excuse\b|\bi (?:shouldn't|should not|should have|should've|didn'?t|did not|never|was a|was an)\b|\bhow i (?:\w+)|\bfrom me\b|\b(?:sorry|apologi[sz]e|apologies)(?: that)?,?\s+i (?!(?:am|'m|really am|feel|felt|love|hope|wish|know|think|mean|just want|want)\b)[a-z']{2,}|\b(?:sorry|apologi[sz]e|apologies) for (?:my|what i|how i|being|the (?:lies|lying|affair|way i|things i)|[a-z]{3,}ing)\b`,
);

/**
 * Impact is what the act did to the other: "you felt / were …", "it hurt you", "left you …",
 * "made you feel …", "your trust …". Without any of these the impact head does not add the part
 * (it tended to credit apologies that own an act and name no effect).
 */
const NAMES_AN_EFFECT =
  /\b(?:you|u)(?:'ve| have| had|'d|'re| are| were| was)?\s+(?:(?:so|still|just|even|really|already|must have|must|probably|then|no longer|never)\s+)*(?:paid|deserved|felt|feel|feeling|been|were|was|are|had to|have to|spent|sat|waited|cried|lost|couldn't|can't|haven't|hadn't|didn't|don't|went|stopped|ended up|carried|doubt|doubted|question|questioned|wonder|wondered|worried|worry|lay|stayed|heard|found out|saw|had|faced)\b|\b(?:hurt|scared|frightened|upset|humiliated|embarrassed|left|made|cost|put|kept|shook|shaken|forced|isolated|exhausted|worried|betrayed|failed|disappointed|let) (?:you|u)\b|\byour (?:trust|heart|feelings|confidence|sense|safety|peace|sleep|dignity|faith|self-esteem|health|pride)\b|\b(?:for|to|on) (?:you|u)\b|\b(?:pain|hurt|stress|damage|harm|worry|fear|shame|doubt)\b/;

/** The part a head would add is backed by the apology's structure. */
export function headMayAdd(component: ApologyComponent, folded: string): boolean {
  if (component === 'responsibility') return OWNS_AN_ACT.test(folded);
  if (component === 'impact') return NAMES_AN_EFFECT.test(folded);
  return true;
}
