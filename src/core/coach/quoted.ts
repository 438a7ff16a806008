/**
 * Words the writer reports rather than says (issue #22, round 13): a quotation ("my dad used to
 * yell "you're useless" at my mum"), what someone said about the writer ("a colleague told me
 * I'm too sensitive"), or the writer's own harsh words named in order to take them back ("I'm
 * sorry I called you selfish"). Telling one's partner about hurtful words is not saying them to
 * the partner, so the coach leaves them alone.
 */

/** Words that make a quotation speech: a pronoun inside it, or a verb of saying just before it. */
const SPOKEN = /\b(?:you|u|your|i|i'm|me|my|we|he|she|they|it|this|that)\b/;
const SAYING =
  /(?:\b(?:said|say|says|saying|shout\w*|yell\w*|scream\w*|told|tell\w*|wr[io]te|typed|call\w*|ask\w*|mutter\w*|words|line|phrase|answer|like|as)\b[^.!?"]{0,20}|:)\s*$/;

/**
 * A quotation of speech is blanked (see below). One word in quotes, or a phrase that is neither
 * spoken nor introduced as speech, is more often a scare quote ("your "friend"", "your "work
 * trip" was a lie") and is kept.
 */
function speech(folded: string, from: number, to: number): boolean {
  const inside = folded.slice(from, to).trim();
  if (inside.indexOf(' ') < 0) return false;
  return SPOKEN.test(inside) || SAYING.test(folded.slice(Math.max(0, from - 30), from - 1));
}

function letter(x: number): boolean {
  return (x >= 97 && x <= 122) || (x >= 48 && x <= 57);
}

/**
 * The folded text with what sits between quotation marks blanked out (same length, so offsets
 * still line up): straight double quotes (curly ones fold to them), and single quotes that open
 * after a space or a bracket and close before one (so apostrophes, as in "you're", never pair
 * up). A message that is nothing but a quotation is left as it is: that is the writer's own
 * message, quoted or not.
 */
export function withoutQuotations(folded: string): string {
  if (folded.indexOf('"') < 0 && folded.indexOf("'") < 0) return folded;
  let ranges: number[] | null = null;
  let open = -1;
  let openSingle = -1;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c === 34) {
      if (open < 0) open = i;
      else {
        if (speech(folded, open + 1, i)) (ranges ??= []).push(open + 1, i);
        open = -1;
        openSingle = -1;
      }
    } else if (c === 39 && open < 0) {
      const prev = i > 0 ? folded.charCodeAt(i - 1) : 32;
      const next = i + 1 < folded.length ? folded.charCodeAt(i + 1) : 32;
      if (openSingle < 0 && !letter(prev) && letter(next)) openSingle = i;
      else if (openSingle >= 0 && letter(prev) && !letter(next) && i - openSingle < 120) {
        if (speech(folded, openSingle + 1, i)) (ranges ??= []).push(openSingle + 1, i);
        openSingle = -1;
      }
    } else if (c === 10) openSingle = -1;
  }
  if (!ranges) return folded;
  let masked = '';
  let at = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const from = ranges[r] as number;
    const to = ranges[r + 1] as number;
    masked += folded.slice(at, from) + folded.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  masked += folded.slice(at);
  // nothing but a quotation: the writer's own words
  return /[a-z]{2}/.test(masked.replace(/["']/g, '')) ? masked : folded;
}

/** Someone else's verdict on the writer: "told me I'm", "says I am", "called me". */
const SAID_OF_ME =
  /\b(?:told|tells|telling|said|says|saying|thinks|thought|reckons|claims|claimed|calls|called|wrote|writes)\s+(?:me\s+)?(?:that\s+)?(?:i(?:'m| am| was| have| need| should)?|me)\b[^.!?]{0,40}$/;
/** The writer's own earlier words, named in order to take them back. */
const I_SAID =
  /\bi (?:\w+ )?(?:said|called you|shouted|yelled|screamed|snapped|told you|wrote|typed|texted)\b[^.!?]{0,50}$|\bcall(?:ed|ing) you\s+$/;
const TAKEN_BACK =
  /\b(?:sorry|apologi[sz]e|shouldn't have|should not have|out of order|(?:wasn't|was not|isn't|not) (?:fair|true|okay|ok|kind)|was (?:cruel|unkind|unfair|wrong|mean|horrible)|take (?:it|that|those words) back|regret|didn't mean|did not mean)\b/;

/** The match at `start` reports words rather than saying them (see the module comment). */
export function reportedWords(folded: string, head: string): boolean {
  if (SAID_OF_ME.test(head) && !/\byou\b/.test(head.slice(head.search(SAID_OF_ME)).replace(/^\w+\s+/, ''))) return true;
  return I_SAID.test(head) && TAKEN_BACK.test(folded);
}
