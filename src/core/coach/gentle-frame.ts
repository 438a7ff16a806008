/**
 * Gentle frames (issue #22, round 11): the shapes in which a sentence that speaks to "you" is a
 * complaint told kindly, a request, thanks or reassurance rather than a verdict. A frame lowers a
 * "you + verb" finding — the trained model's `tone`, and the criticism family's — but never when
 * a judging word sits in the same stretch: "Could you be any more selfish?" stays harsh.
 */
import { CHARACTER_ADJECTIVES, INSULT_NOUNS, alternation } from './lexicon.js';

/** The families, each a shape rather than a phrase. */
const FRAMES = [
  // I-statement: "I feel … when you …", "it upsets me when you …"
  String.raw`\bi (?:feel|felt|get|got)\b[^.!?]{0,30}\bwhen\b|\b(?:it|that) (?:upsets|worries|scares|hurts) me when\b`,
  // request: "could you …", "can we …", "I'd like …", "next time …", "do you want …"
  String.raw`(?:^|[.!?;]\s*)(?:please,?\s+)?(?:could|can|would|will|may) (?:you|u|we|i)\b|\b(?:could|can|shall) we\b|\bi(?:'d| would) (?:like|love|be grateful)\b|\bnext time\b|\bdo you want\b|\blet's\b`,
  // thanks and appreciation: "thank you for …", "I owe you one", "I'm proud of you"
  String.raw`(?<!\b(?:say|said|says|saying|no|a|without|any)\s+)\bthank(?:s(?!\s+to\b)| you)\b|\bi (?:really |so )?appreciate\b|\bi owe (?:you|u)\b|\bproud of (?:you|u)\b|\bbetter than any(?:one|body)\b`,
  // knowing and conceding: "I know you …", "you were right"
  String.raw`\bi know (?:you|u)\b|\byou were right\b`,
  // reassurance and repair: "take your time", "you're allowed to be upset", "I'm here"
  String.raw`\btake your time\b|\byou(?:'re| are) allowed to\b|\byou (?:don't|do not) (?:have|need) to\b|\byou can always\b|\byou have every right\b|\bno matter what\b|\bi(?:'m| am) (?:here|not going anywhere)\b`,
].join('|');

/** A check-in ("u ok?"), which also softens the sentence after it. */
const CHECK_IN = String.raw`\b(?:are )?(?:you|u) (?:ok|okay|alright|all right)\b|\bhow are (?:you|u)\b`;

const GENTLE = new RegExp(`${FRAMES}|${CHECK_IN}`);
const CHECKED_IN = new RegExp(CHECK_IN);

/** Words that judge, mock or close the door: with one of these, the frame is a disguise. */
const JUDGING = new RegExp(
  String.raw`\b(?:${alternation(CHARACTER_ADJECTIVES)}|${alternation(INSULT_NOUNS)})s?\b|` +
    String.raw`\b(?:you|u)(?:'re| are|'ve| have)?\s+(?:just\s+)?(?:always|never|constantly|keep|kept)\b|\b(?:for once|as usual|as always|again|nothing|typical|whatever|any more|anymore|on purpose|like i'm|how dare|seriously|pathetic|ridiculous|disgust\w*|sick of|tired of|for nothing|or else|or i'm|done with|not once|not one time|everyone|everybody|all the time|(?:can|could) (?:you|u) just|why can't you)\b|\uD83D\uDE44`,
);

/** The stretch holds a gentle frame, or follows a check-in, and neither holds a judging word. */
export function gentleFrame(stretch: string, previous = ''): boolean {
  return (GENTLE.test(stretch) || CHECKED_IN.test(previous)) && !JUDGING.test(previous + ' ' + stretch);
}

/** A word that judges, mocks or closes the door is in the text (the frames' exception). */
export function judgingWord(text: string): boolean {
  return JUDGING.test(text);
}
