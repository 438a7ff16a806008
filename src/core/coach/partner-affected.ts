/**
 * Round 19: impact is what the wrong did to the partner, so the impact head may credit it only
 * when the apology speaks of the partner as someone the wrong reached. The head weighs "you"
 * wherever it stands; out of fold, the apologies it credits that name no impact hold the partner
 * only as the one the act was done to ("the lies I told you", "without telling you"), the one
 * something is promised or offered to ("I'll show you the statements", "Can I help you plan …")
 * or the one asked to forgive. Read by structure, not by a list of wrongs:
 * - promises, offers, requests and asking forgiveness are set aside first;
 * - what is left must hold the partner as the subject of a clause ("you were", "you've stopped",
 *   "so were you"), as the one an act harmed ("hurt you", "left you", "made fun of your"), as the one
 *   something was for or on ("hard for you", "landed on you"), their own trust, heart, life or
 *   days ("your trust", "your birthday"), or a word for the harm itself ("it hurt", "the pain").
 */

/** A promise, an offer or a request, to the end of its clause: "I'll show you …", "can I help you …". */
const PROMISE =
  /(?:^|[.!?;,]\s*|\b(?:and|but|so)\s+)(?:i'll|i will|ill|i'm going to|i am going to|i promise|i'm promising|i want to|i'd like to|let me|can i|could i|may i|i hope|i won't|i will not|i wont|i'm asking|i am asking|from now on|please|pls|i'd|i would)\b[^.!?;]*/g;
/** Asking forgiveness, the whole clause: "I hope you can forgive me", "if you could forgive me". */
const FORGIVE = /(?:^|[.!?;,])[^.!?;,]*\bforgiv\w*[^.!?;]*/g;
/** Formulas that name the partner and no effect on them ("lied to you" is the act, not what it did). */
const FORMULA = /\b(?:i love (?:you|u)|love you|thank (?:you|u)|to you)\b/g;

const REACHED = new RegExp(
  [
    // the partner as a clause's subject, not asked, told or supposed to ("could you", "what you need")
    String.raw`(?<!\b(?:if|could|can|would|will|did|do|should|when|whenever|what|how|whether|unless|before|let|help|make|want|told|tell|telling|asked|ask|need) )\b(?:you|u)(?:'re|'ve|'d| are| were| was| have| had| r)?\s+(?!(?:can|could|will|would|should|might|may|need|needed|want|wanted|deserve|deserved|asked|told|said|trusted|to)\b)[a-z']+`,
    String.raw`\b(?:so|neither|nor) (?:were|was|are|did|do|have|had) (?:you|u)\b`,
    // the partner as the one the act harmed
    String.raw`\b(?:hurt|hurting|betrayed|betraying|humiliat\w*|embarrass\w*|scared|frightened|upset|upsetting|let|left|leaving|made|making|put|kept|keeping|caused|cost|costing|shook|shaken|broke|broken|crushed|worried|worrying|abandoned|isolated)\s+(?:you|u)\b`,
    String.raw`\b(?:made fun of|mocked|belittled|shamed|laughed at|sneered at|put down) (?:you|u|your|ur)\b`,
    // ... or something other than the writer did it to them ("every letter frightens you", "it cost you")
    String.raw`\b(?<!\bi (?:\w+ )?)[a-z]{3,}(?:s|ed)\s+(?:you|u)\b`,
    String.raw`\b(?:for|on|to) (?:you|u)\b(?! (?:and|if|when|whenever|for)\b)`,
    // what is the partner's own: their trust, heart, life, days
    String.raw`\b(?:your|ur) (?:own )?(?:trust|heart|life|feelings|confidence|faith|sense|peace|sleep|safety|self|dignity|health|mind|world|nerves|belief|day|night|evening|birthday|weekend|holiday|family|friends|hopes|plans)\b`,
    // the harm named without a person
    String.raw`\b(?:hurt|pain|harm|damage|distress|suffering|humiliation|heartache|heartbreak|anguish)\b`,
  ].join('|'),
);

/** Whether the apology (folded, the partner's own part already blanked) speaks of the partner as someone the wrong reached. */
export function partnerAffected(folded: string): boolean {
  return REACHED.test(folded.replace(FORGIVE, ' ').replace(PROMISE, ' ').replace(FORMULA, ' '));
}
