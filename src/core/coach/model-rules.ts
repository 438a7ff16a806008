/**
 * Message rules that come with the model (round 14): the server and the CLI run them with every
 * other rule; the browser island receives them with the model, in its first-use module
 * (src/platform/web/islands/coach-model.ts), so they add nothing to a page's JavaScript budget.
 * Until the model arrives the island's rules answer alone, as before. The helpers they need are
 * passed in (`RuleHelpers`) rather than imported, so the first-use module does not carry a second
 * copy of the island's rules and word lists.
 */
import type { ComponentRule } from './apology-rules.js';
import type { Rule } from './text.js';

export interface RuleHelpers {
  before(folded: string, index: number): string;
  /** Not inside a hedge ("sorry if …") or a negation (apology-rules.ts). */
  plain(folded: string, start: number): boolean;
  mocking(folded: string, start: number, end: number): boolean;
  warm(folded: string, start: number, end: number): boolean;
}

/**
 * Round 14: shapes, each a family's structure rather than its words — an outcome laid at the
 * partner's door ("… and that's your doing", "spoiled by your …", "your lying is why …"), an
 * ultimatum ("either … or you move out", "… unless this stops"), a threat to expose or to punish
 * ("I'll tell your boss what …", "I could make your life …"), refusing one's part ("I refuse to
 * apologise", "I'm not responsible for your …", "stop trying to make me feel guilty", "if you
 * didn't nag so much …"), disdain for the person ("I can't stand being near you", "I feel sorry
 * for anyone who …  you"), and a one-line brush-off ("No comment.", "Ask me if I care.").
 */
export function modelRules({ before, mocking, warm }: RuleHelpers): Rule[] {
  return [
    {
      type: 'blame',
      pattern:
        /\b(?:that's|thats|that is|it's|its|it is|this is|which is) (?:all |entirely |completely )?(?:your|ur) (?:doing|mess|making)\b|\b(?:spoiled|spoilt|ruined|wrecked|destroyed|sabotaged) by (?:you|u|your|ur)\b|\b(?:your|ur) (?:\w+ing|behaviou?r|attitude|temper|moods?|lies|jealousy|selfishness) (?:is|was|are|were) (?:why|the reason)\b|\byou(?:'ve| have) made (?:this|our|my|the) (?:\w+ )?(?:a |an )?(?:miserable|unbearable|living hell|hell|nightmare|misery|prison)\b|\b(?:this|the) (?:mess|disaster|failure) is (?:all )?(?:yours|on you)\b/g,
      explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
      accept: (f, s, e) => !warm(f, s, e),
    },
    {
      type: 'threat',
      pattern:
        /\beither\b[^.!?]{0,60}\bor (?:you(?:'re)? (?:move|moving|leave|leaving|go|get out|are out|pack)|i(?:'m| am|'ll| will) (?:leav|go|gone|out|done|fil))|\b(?:lawyer|solicitor|police)\b[^.!?]{0,40}\bunless\b|\bunless\b[^.!?]{0,60}\b(?:lawyer|solicitor|police)\b|\bi(?:'ll| will| could| can|'m going to| am going to) (?:make your life (?:hell|difficult|miserable|a misery|very)|tell (?:your (?:boss|family|mother|mum|parents|friends|work)|everyone) (?:what|everything|about (?:this|what|you))|make you (?:pay|regret|sorry))\b/g,
      explanation:
        'This may land as a threat, and fear makes it very hard to talk. If there is a line, saying what you need and what you will do for yourself is easier to hear.',
    },
    {
      type: 'defensive',
      pattern:
        /\bi (?:refuse to|won't|will not) (?:apologi[sz]e|say sorry)\b|\b(?:i'm|i am) not (?:responsible for|to blame for) (?:your|how you)\b|\b(?:stop|quit) (?:trying to )?(?:make|making) me (?:feel )?(?:guilty|the bad)\b|\bif (?:you|u) (?:didn't|didnt|did not|weren't|wasn't|wouldn't) \w+ (?:so much|all the time|constantly)\b|\b(?:stop|quit) (?:going|banging|harping) on\b/g,
      explanation:
        'This may land as defending yourself or turning it back on your partner; hearing their part first usually helps yours be heard.',
      accept: (f, s) => !/\b(?:i (?:know|think) |maybe |sorry\b)/.test(before(f, s)),
    },
    {
      type: 'contempt',
      pattern:
        /\bcan(?:'t|not) stand (?:you|u|the sight of you|the sound of your|being (?:\w+ ){0,5}(?:with|near|around|as) (?:you|u))\b|\b(?:can't|cannot|cant) (?:even )?with (?:you|u)\b|\bi feel sorry for (?:anyone|anybody|whoever|the (?:person|people|poor))\b[^.!?]{0,40}\b(?:you|u)\b|\b(?:everyone|everybody|people|they) (?:was|were|is|are) laughing at (?:you|u)\b|\b(?:a miracle|a wonder|astonishing|baffling) (?:that|how) (?:you|u)\b/g,
      explanation: 'This may land as contempt, which tends to hurt the most and make it hardest to feel safe with each other.',
    },
    {
      type: 'stonewalling',
      pattern: /\b(?:no comment|cool story(?: bro)?|ask me if i care|talk to you never)\b(?=[\s.!]*$)/g,
      explanation:
        'This may land as closing the door; if you need a pause, saying when you will come back keeps your partner from feeling shut out.',
    },
    {
      type: 'sarcasm',
      pattern:
        /\bhow (?:thoughtful|considerate|kind|generous|sweet|lovely|nice)[,.!]+\s*(?:leaving|making|forgetting|ignoring|letting|you|again)\b/g,
      explanation: 'Sarcasm may land as mockery; saying plainly what hurt is easier to hear.',
      accept: mocking,
    },
  ];
}

/** Apology parts that come with the model: impact told by what the partner went through. */
export function modelComponentRules({ before, plain }: RuleHelpers): ComponentRule[] {
  return [
    {
      // the same, by the shape of the clause (round 14): "you" opening a clause with what the
      // partner went through — waiting, worrying, a state they were left in ("You got dressed up and
      // waited", "you were mortified", "you didn't know if …") — not an act of theirs that came
      // before the wrong ("You cooked and I didn't show", "you trusted me"), their words or their
      // rightness ("you told me", "you were right")
      component: 'impact',
      pattern:
        /(?:^|[.;!?:-]\s*|\b(?:and|so|while|until|then)\s+)(?:you|u)\s+(?:(?:just|still|already|even|only|all|then)\s+)?(?:waited|worried|panicked|struggled|suffered|wondered|stayed (?:up|awake|home|in)|sobbed|paced|searched|questioned|doubted|blamed yourself|covered for me|got (?:dressed|ready|home|the kids|no sleep|nothing)|came home to|sat|stood|drove (?:home|around|all)|slept|woke|lay|went (?:quiet|silent|home|to bed|to sleep|without)|spent|lost|heard (?:it|about it|from)|kept (?:asking|calling|waiting|checking|wondering)|paid (?:for it|the price)|were (?:so\s+|really\s+|completely\s+|totally\s+|left\s+)?(?!(?:supposed|right|allowed|interested|entitled|used|involved)\b)(?:[a-z]{3,}ed|upset|afraid|anxious|alone|ashamed|sick|angry|sad|furious|heartbroken|devastated|lonely|in tears|crying|shaking|awake)|did(?:n't| not) (?:know|sleep|eat|get|hear|have|feel|understand)|have(?:n't| not) (?:been|felt|slept|stopped))\b/g,
      accept: (f, s) =>
        plain(f, s) &&
        /\b(?:i|my)\b/.test(f.slice(0, s)) &&
        !/\b(?:sorry|regret|if|when|can|could|will|would|hope|wish|whether|unless|because)(?: that)?\s*$/.test(before(f, s)),
    },
  ];
}
