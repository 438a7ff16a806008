/**
 * Message rules that come with the model (round 14): the server and the CLI run them with every
 * other rule; the browser island receives them with the model, in its first-use module
 * (src/platform/web/islands/coach-model.ts), so they add nothing to a page's JavaScript budget.
 * Until the model arrives the island's rules answer alone, as before. With them come the checks
 * that leave more gentle messages alone (`modelChecks`). The helpers they need are
 * passed in (`RuleHelpers`) rather than imported, so the first-use module does not carry a second
 * copy of the island's rules and word lists.
 */
import type { ComponentRule } from './apology-rules.js';
import type { CoachModelReader, ModelChecks } from './model.js';
import type { Rule } from './text.js';

export type { ModelChecks } from './model.js';

export interface RuleHelpers {
  before(folded: string, index: number): string;
  after(folded: string, index: number): string;
  sentenceEnd(folded: string, index: number): number;
  /** The rest of the sentence mocks and praises nothing (family-rules.ts). */
  mockingAfter(folded: string, end: number): boolean;
  /** A judging word undoes a gentle frame (gentle-frame.ts). */
  judgingWord(text: string): boolean;
  /** Not inside a hedge ("sorry if …") or a negation (apology-rules.ts). */
  plain(folded: string, start: number): boolean;
  mocking(folded: string, start: number, end: number): boolean;
  warm(folded: string, start: number, end: number): boolean;
}

/** Round 16: the sentence before a closing "Now." opens with a verb ("Give me your phone."), not a subject. */
const ORDER_BEFORE =
  /(?:^|[.!?]\s+)(?!(?:i|i'm|im|we|we're|it|it's|its|that|that's|this|he|she|they|you|you're|the|my|our|a|and|but|so|ok|okay|yes|no|not|just|all|done|home|here|there)\b)[a-z]+\b[^.!?]*[.!]\s*$/;

/** Round 17: the sentence before a mock-praise fragment names a wrong done again, all along, or its absence praised. */
const WRONG_BEFORE =
  /\b(?:again|as usual|for once|on (?:your|ur|that|the) (?:phone|laptop|ipad|tablet|screen)\b[^.!?]*\bthe whole (?:time|night|evening|day|weekend|meal|dinner)|(?:not|without) (?:lying|cheating|shouting|screaming|drinking|forgetting)|(?:hours?|days?|weeks?) late)\b/;
function lastSentence(text: string): string {
  const t = text.replace(/[\s.!?]+$/, '');
  const i = Math.max(t.lastIndexOf('.'), t.lastIndexOf('!'), t.lastIndexOf('?'));
  return t.slice(i + 1);
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
        /\b(?:that's|thats|that is|it's|its|it is|this is|which is) (?:all |entirely |completely )?(?:your|ur) (?:doing|mess|making)\b|\b(?:spoiled|spoilt|ruined|wrecked|destroyed|sabotaged) by (?:you|u|your|ur)\b|\b(?:your|ur) (?:\w+ing|behaviou?r|attitude|temper|moods?|lies|jealousy|selfishness) (?:is|was|are|were) (?:why|the reason)\b|\byou(?:'ve| have) made (?:this|our|my|the) (?:\w+ )?(?:a |an )?(?:miserable|unbearable|living hell|hell|nightmare|misery|prison)\b|\b(?:this|the) (?:mess|disaster|failure) is (?:all )?(?:yours|on you)\b|\byou(?:'ve| have)? (?:made|turned) me into (?:someone|somebody|a person|something) i (?:hate|don't recognise|don't recognize|despise)\b/g,
      explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
      accept: (f, s, e) => !warm(f, s, e),
    },
    {
      // round 15: the writer's life before the partner, set against life with them
      type: 'blame',
      pattern:
        /\bi was (?:fine|happy|okay|ok|doing fine|a happy person) (?:before|until) (?:i met )?(?:you|u)\b(?![^.!?]*\b(?:happier|even better|better now)\b)/g,
      explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
    },
    {
      type: 'threat',
      pattern:
        /\beither\b[^.!?]{0,60}\bor (?:you(?:'re)? (?:move|moving|leave|leaving|go|get out|are out|pack)|i(?:'m| am|'ll| will) (?:leav|go|gone|out|done|fil))|\b(?:lawyer|solicitor|police)\b[^.!?]{0,40}\bunless\b|\bunless\b[^.!?]{0,60}\b(?:lawyer|solicitor|police)\b|\bi(?:'ll| will| could| can|'m going to| am going to) (?:make your life (?:hell|difficult|miserable|a misery|very)|tell (?:your (?:boss|family|mother|mum|parents|friends|work)|everyone) (?:what|everything|about (?:this|what|you))|make you (?:pay|regret|sorry)|make sure (?:the kids|everyone|everybody|your \w+|people) (?:know|knows|find out|hears?) (?:exactly )?what (?:you|u))\b|\bi want (?:you|u) (?:gone|out)\b(?! (?:for|with|to)\b)/g,
      explanation:
        'This may land as a threat, and fear makes it very hard to talk. If there is a line, saying what you need and what you will do for yourself is easier to hear.',
    },
    {
      type: 'defensive',
      pattern:
        /\bi (?:refuse to|won't|will not) (?:apologi[sz]e|say sorry)\b|\b(?:i'm|i am) not (?:responsible for|to blame for) (?:your|how you)\b|\b(?:stop|quit) (?:trying to )?(?:make|making) me (?:feel )?(?:guilty|the bad)\b|\bif (?:you|u) (?:didn't|didnt|did not|weren't|wasn't|wouldn't) \w+ (?:so much|all the time|constantly)\b|\b(?:stop|quit) (?:going|banging|harping) on\b|\b(?:oh\s+)?here we go(?: again)?\b(?=[^.!?]*(?:[.!?]+\s*[^.!?]*)?\b(?:i'm|i am|me)\b)|\bwhat (?:more|else) do (?:you|u) want(?: from me| me to (?:say|do))\b/g,
      explanation:
        'This may land as defending yourself or turning it back on your partner; hearing their part first usually helps yours be heard.',
      accept: (f, s) => !/\b(?:i (?:know|think) |maybe |sorry\b)/.test(before(f, s)),
    },
    {
      type: 'contempt',
      pattern:
        /\bcan(?:'t|not) stand (?:you|u|the sight of you|the sound of your|being (?:\w+ ){0,5}(?:with|near|around|as) (?:you|u))\b|\b(?:can't|cannot|cant) (?:even )?with (?:you|u)\b|\bi feel sorry for (?:anyone|anybody|whoever|the (?:person|people|poor))\b[^.!?]{0,40}\b(?:you|u)\b|\b(?:everyone|everybody|people|they) (?:was|were|is|are) laughing at (?:you|u)\b|\b(?:a miracle|a wonder|astonishing|baffling) (?:that|how) (?:you|u)\b|\byou(?:'ve| have)? got (?:a|some) nerve\b|\b(?:sick|tired) of carrying (?:you|u)\b|\b(?:don't|do not|dont) know why i(?:'m| am|m) still (?:with|married to) (?:you|u)\b/g,
      explanation: 'This may land as contempt, which tends to hurt the most and make it hardest to feel safe with each other.',
    },
    {
      // round 16: an order made urgent by a closing "Now." ("Give me your phone. Now.", "answer me. now.")
      type: 'command',
      pattern: /\bnow\b(?=\s*[.!]+\s*$)/g,
      explanation: 'This may land as an order that shuts your partner out; asking for what you need, and why, keeps the door open.',
      // the sentence before is an order: it opens with a verb, not "I", "we", "it" …
      accept: (f, s) => before(f, s).trim() === '' && ORDER_BEFORE.test(f.slice(0, s)) && !warm(f, 0, f.length),
    },
    {
      // round 16: a verdict on the person by what they are not, or are too much of ("You're just not
      // a good person", "you're too emotional to have a real conversation with")
      type: 'character',
      pattern:
        /\b(?:you're|you are|youre|ur|u r)\s+(?:just\s+|simply\s+|really\s+|clearly\s+)?not (?:a |even a )?(?:good|decent|nice|kind|real|proper|grown) (?:person|man|woman|human|human being|partner|husband|wife|father|mother|dad|mum|mom|adult)\b|\b(?:you're|you are|youre|ur|u r)\s+(?:just\s+|way\s+|far\s+|much\s+)?too (?:emotional|sensitive|stupid|lazy|selfish|immature|dramatic|thick|dense|proud|stubborn|childish|weak|self-absorbed) to\b/g,
      explanation: 'This may land as a judgement of who your partner is; naming what happened is easier to hear.',
    },
    {
      type: 'stonewalling',
      pattern: /\b(?:no comment|cool story(?: bro)?|ask me if i care|talk to you never)\b(?=[\s.!]*$)/g,
      explanation:
        'This may land as closing the door; if you need a pause, saying when you will come back keeps your partner from feeling shut out.',
    },
    {
      // round 17: mock praise in a closing fragment after a sentence that names a wrong ("… with the kids
      // all day again. Proper hero.", "Well done on not lying today. Gold star.", "… on your phone the
      // whole time. Real quality time.")
      type: 'sarcasm',
      pattern:
        /\b(?:(?:truly|really|real|proper|so|such an?|what an?|how) )?(?:heroic|hero|gold star|achievement|touching|quality time|priorities|medal|genius|top work|impressive|romantic)\b(?=[\s.]*$)/g,
      explanation: 'Sarcasm may land as mockery; saying plainly what hurt is easier to hear.',
      accept: (f, s) => before(f, s).trim() === '' && /[.]\s*$/.test(f.slice(0, s)) && WRONG_BEFORE.test(lastSentence(f.slice(0, s))),
    },
    {
      // round 16: praise taken back by a closing "Not." ("Thanks for dinner. Not.")
      type: 'sarcasm',
      pattern: /\bnot\b(?=\s*[.!]+\s*$)/g,
      explanation: 'Sarcasm may land as mockery; saying plainly what hurt is easier to hear.',
      accept: (f, s) => before(f, s).trim() === '' && /[.!]\s*$/.test(f.slice(0, s)),
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
        /(?:^|[.;!?:-]\s*|\b(?:and|so|while|until|then)\s+)(?:you|u)\s+(?:(?:just|still|already|even|only|all|then)\s+)?(?:waited|worried|panicked|struggled|suffered|wondered|stayed (?:up|awake|home|in)|sobbed|paced|searched|questioned|doubted|blamed yourself|covered for me|got (?:dressed|ready|home|the kids|no sleep|nothing)|came home to|sat|stood|drove (?:home|around|all)|slept|woke|lay|went (?:quiet|silent|home|to bed|to sleep|without)|spent(?! (?:hours|ages|days|weeks|months|so long|all (?:day|week|weekend|evening)) (?:on (?:it|that|this|them)|planning|making|getting|sorting|organi[sz]ing|cooking|choosing)\b)|lost|heard (?:it|about it|from)|kept (?:asking|calling|waiting|checking|wondering)|paid (?:for it|the price)|were (?:so\s+|really\s+|completely\s+|totally\s+|left\s+)?(?!(?:supposed|right|allowed|interested|entitled|used|involved)\b)(?:[a-z]{3,}ed|upset|afraid|anxious|alone|ashamed|sick|angry|sad|furious|heartbroken|devastated|lonely|in tears|crying|shaking|awake)|did(?:n't| not) (?:know|sleep|eat|get|hear|have|feel|understand)|have(?:n't| not) (?:been|felt|slept|stopped))\b/g,
      accept: (f, s) =>
        plain(f, s) &&
        /\b(?:i|my)\b/.test(f.slice(0, s)) &&
        !/\b(?:sorry|regret|if|when|can|could|will|would|hope|wish|whether|unless|because)(?: that)?\s*$/.test(before(f, s)),
    },
    {
      // round 15: what it left the partner feeling or fearing, or their body's answer — "you don't
      // feel beautiful any more", "your stomach dropped", "you thought something had happened",
      // "you looked for me", "your whole day went on waiting"
      // round 16: "you walked up on stage and looked for me", "u were panicking", "you was calling"
      component: 'impact',
      pattern:
        /\b(?:you|u) (?:(?:still|now|just)\s+)?(?:don't|do not|dont|no longer|can't|cannot|can no longer) (?:feel|trust|sleep|believe|eat|relax|look at)\b|\b(?:your|ur) (?:stomach|heart) (?:dropped|sank|broke|raced|pounded|was in your mouth)\b|\b(?:you|u) (?:thought|feared|were sure|assumed|were convinced) (?:something|the worst|i was|i'd|i had|i were|i'd been)\b|\b(?:you|u) (?:[^.!?]{0,40}\band )?(?:(?:kept|were|was)\s+)?look(?:ed|ing)? (?:around )?for me\b|\b(?:you|u) (?:were|was) (?:so |just |still )?(?:panicking|worrying|crying|shaking|sobbing|pacing|searching|calling|ringing|phoning|frantic|beside yourself|up all night)\b|\b(?:you|u)\b[^.!?]{0,30}\b(?:had|have|'ve had) no(?: ?one|body| one| support| help) (?:to|there|with)\b|\b(?:your|ur) (?:whole|entire) (?:day|night|evening|weekend|birthday|holiday) (?:went|was spent|was ruined|was)\b/g,
      accept: (f, s) =>
        plain(f, s) &&
        /\b(?:i|my)\b/.test(f.slice(0, s)) &&
        !/\b(?:if|when|can|could|will|would|hope|wish|whether|unless)(?: that)?\s*$/.test(before(f, s)),
    },
    {
      // round 16: what the act was or did to the partner, told of the act — "a terrible thing to
      // have done to you", "that was hurtful to you", "the panic landed on you", "your safe
      // place doesn't feel safe", "the trust between us cracked"
      component: 'impact',
      pattern:
        /\bthing to (?:have )?(?:done|do) to (?:you|u)\b|\b(?:hurtful|humiliating|embarrassing|painful|frightening|scary|terrifying|upsetting|devastating|crushing|confusing|lonely|exhausting) (?:to|for) (?:you|u)\b|\b(?:landed|fell|falls|lands|rested) (?:all )?on (?:you|u|your shoulders)\b|\byour (?:\w+ ){0,3}(?:doesn't|does not|no longer|don't|didn't|can't) (?:feel|seem)s? (?:safe|like|the same)\b|\b(?:trust|faith)\b[^.!?]{0,60}\b(?:cracked|broke|shattered|crumbled|collapsed)\b/g,
      accept: (f, s) =>
        plain(f, s) &&
        /\b(?:i|my)\b/.test(f.slice(0, s + 1)) &&
        !/\b(?:if|can|could|will|would|hope|wish|whether|unless)(?: that)?\s*$/.test(before(f, s)),
    },
    {
      // round 17: what the partner has gone through since, in any tense — "you've been doubting
      // yourself ever since", "you flinch when I pick up my phone", "You stopped believing anything I
      // say", "You went through the hardest day of your life without me", "you are scared of me",
      // "It took away your belief …", "I broke something in you", "It has made you anxious"
      component: 'impact',
      pattern:
        /\b(?:you|u)(?:'ve| have)? been (?:doubting|second-guessing|jumping|flinching|checking|crying|struggling|suffering|questioning|blaming yourself|panicking|shaking|carrying|losing sleep|on edge)\b|\b(?:you|u) (?:\w+ )?(?:flinch|jump|tense up|freeze|panic|check \w+)(?:es|s|ed)? (?:when|whenever|every time|each time|at)\b|\b(?:you|u) (?:stopped|started|can't stop|couldn't stop) (?:believing|trusting|sleeping|eating|doubting|checking|questioning|second-guessing|looking|going out|seeing|feeling|smiling|laughing)\b|\b(?:you|u) (?:went through|endured|lived through|got through|had to get through|faced)\b(?! (?:my|your|the) (?:phone|messages|texts|bag|things|emails|accounts|statements|drawers)\b)|\b(?:you|u)\b[^.!?]{0,60}\bwithout me (?:there|holding|by your side|beside you|next to you|to)\b|\b(?:you|u)(?:'re| are| r|'ve been| have been)? (?:(?:now|still|always|so|really)\s+)*(?:afraid|scared|anxious|frightened|terrified|nervous|on edge|wary) (?:of me|when|whenever|every time|that i|to)\b|\b(?:took|taken|taking|take) away your\b|\bbroke something in (?:you|u)\b|\b(?:made|makes|has made|have made|left) (?:you|u) (?:so\s+)?(?:anxious|afraid|nervous|paranoid|suspicious|insecure|ashamed|sick|ill|jumpy|withdrawn)\b/g,
      accept: (f, s) =>
        plain(f, s) &&
        /\b(?:i|my|me)\b/.test(f.slice(0, s + 1)) &&
        !/\b(?:sorry|regret|if|can|could|will|would|hope|wish|whether|unless)(?: that)?\s*$/.test(before(f, s)),
    },
  ];
}

/** Gentle frames added in round 14: owning one's part, offers and care, and more check-ins. */
const OWNING = String.raw`\b(?:sorry|sry|i apologi[sz]e|my bad|i was wrong|i was out of order|i (?:shouldn't|should not) have|(?:it|that) (?:wasn't|wasnt|was not) fair(?: of me)?|forgive me)\b`;
const CHECK_IN = String.raw`\b(?:is|was) (?:something|anything|everything) (?:on your mind|ok|okay|alright|all right|bothering you)\b|\bwhat's on your mind\b`;
const OFFER = String.raw`\b(?:(?:you|u) want (?:anything|something|some|a (?:cup|drink|brew|tea|coffee))|want me to|shall i|do you need (?:me|anything|a hand)|let me (?:help|bring|get|know|do))\b|\b(?:have|take|get) (?:a |some )?(?:rest|lie-in|nap|sleep|break|bath)\b`;
/** Round 15: owning one's own state ("my temper is the problem, not you") and telling one's plans ("I'll be late"). */
const MINE = String.raw`\b(?:don't|dont|do not|no need to) (?:apologi[sz]e|worry|be sorry|feel bad|rush)\b|\b(?:sit|stay) with me\b|\bhold me\b|\b(?:it's|it is|it was|that's|that is|that was)\s+(?:all\s+)?my (?:fault|mistake|doing)\b|\bmy (?:temper|anxiety|insecurit(?:y|ies)|jealousy|mood) (?:is|was|got)\b|\bi(?:'ll|ll| will) be (?:late|home|back|away)\b`;
/**
 * Round 16: the writer disclaims anger or blame toward the partner ("not mad just raw", "i hate
 * this so much. not u", "not ignoring u") or owns that there is no excuse.
 */
const NOT_AT_YOU = String.raw`(?<!\bbut )\bnot (?:mad|cross|angry|upset|annoyed|at (?:you|u)|(?:you|u)(?= *[.!,]|$)|ignoring (?:you|u)|your fault|ur fault|blaming (?:you|u)|punishing (?:you|u))\b|\bthere(?:'s| is) no excuse\b`;
/**
 * Round 17: no pressure ("Only if you're up for it.", "no rush"), a celebration or a sign-off
 * ("Happy anniversary.", "Forever yours."), and the writer's own comings and goings ("Leaving now.").
 */
const NO_PRESSURE = String.raw`\b(?:only |but only |just )?if (?:you're|you are|youre|ur|u r|you feel|u feel) (?:up for|up to|ok with|okay with|happy to|free|in the mood|not too tired)\b|\bno (?:pressure|rush|worries|obligation)\b|\bnothing urgent\b|\bwhen(?:ever)? (?:you're|you are|youre|ur|u r) (?:ready|free)\b`;
const SIGN_OFF = String.raw`\bhappy (?:anniversary|birthday|valentine'?s|mother's day|father's day|christmas|new year)\b|\b(?:forever|always|still|all) yours\b|\byours (?:forever|always)\b|\ball my love\b|^\s*(?:leaving|heading (?:home|off|out|back)|on my way|omw|setting off|just left)(?: (?:now|work|the office|soon|in \d+\w*))?[\s.!]*$`;
const FRAME = new RegExp(`${OWNING}|${CHECK_IN}|${OFFER}|${MINE}|${NOT_AT_YOU}|${NO_PRESSURE}|${SIGN_OFF}`);
const BEFORE_FRAME = new RegExp(`${OWNING}|${CHECK_IN}|${NOT_AT_YOU}`);

/** Idioms and single events after "you never" ("you'll never guess who …", "you never told me what …"). */
const NEVER_KIND =
  /^\s+(?:once\s+)?(?:told me to (?:get over|move on|hurry|calm down|stop crying|let it go|man up)|rushed me|pushed me|pressured me|blamed me|judged me|shamed me|mocked me|belittled me|made fun of me|held (?:it|that|this) against me|made me choose)\b|^\s+(?:guess|believe)\s+(?:who|what|how|where)\b|^\s+(?:once\s+)?ma(?:de|kes?) me feel (?:silly|stupid|small|bad|judged|guilty|ashamed|foolish|like a burden)\b|^\s+(?:told|said|mentioned|asked)\s+(?:me\s+)?(?:what|where|when|how|why|whether|which|who|if|about\s+(?:the|your|his|her|this|that|our))\b|^\s*(?:(?:once|even|ever|really)\s+)?cease(?:d|s)? to (?:amaze|surprise|impress|delight)\b|^\s+(?:once\s+)?(?:let|leave|left) me (?:\w+ ){0,2}(?:alone|on my own|by myself)\b/;
/** Thanks in the sentence after an absolute: "You're always the one who notices. Thank you." */
const THANKS_NEXT =
  /^[\s.!?]*(?:thank(?!s a lot|s for nothing)|i (?:really )?(?:love|appreciate)|love you|i (?:don't|dont|do not) know how (?:you|u) do it)/;
/** Someone else's words reported without quotes, right after the verb: "the kids keep shouting shut up". */
const THEY_SAID =
  /\b(?:he|she|they|kids|children|boys|girls|people|someone|somebody|(?:my|his|her|the|our) [a-z]+)\s+(?:[a-z]+\s+){0,2}?(?:shouting|yelling|screaming|saying|shouted|yelled|screamed|shout|yell|scream)\s+(?:at each other\s+|at (?:him|her|them)\s+)?(?:(?:you're|you are|ur|you)\s+(?:a|an|such a|such an)?\s*)?$/;
/** One past occasion told with what it did: "You interrupted me twice at dinner. It made me feel unheard." */
const FELT =
  /\b(?:i (?:just |really )?(?:felt|feel|was|got|went)|made me|(?:it|that|which) (?:hurt|stung|scared|upset|made)|hurt|stung|(?:scared|upset|embarrassed|saddened) me|a (?:bit|little)|(?:isn't|is not|wasn't|not) like you|i know you|i think you)\b/;
const PATTERN = /\b(?:always|never|constantly|keep|kept|every time|all the time|as usual|for once|on purpose|deliberately|again)\b/;

/**
 * Round 15: someone else's verdict on the partner, reported and then answered — "My sister said
 * you were a liar, and I told her she didn't know you", "Your boss called you lazy? That's awful".
 * Without an answer ("everyone says you're a liar") it stays the writer's own.
 */
const THEY_JUDGED =
  /\b(?!(?:i|we|you|u)\b)[a-z]+\s+(?:(?:once|always|just|even|used to)\s+)?(?:said|says|(?<=used to )say|thinks|call|thought|reckons|reckoned|called|calls|told (?:me|us|everyone|people)|joked|jokes|claimed|claims|implied|suggested|hinted|wrote|posted|complained)\s+(?:that\s+)?(?:you|u)\b/;
const ANSWERED =
  /\b(?:but (?:she|he|they|i)|i told (?:her|him|them)|i (?:don't|do not) (?:think|agree|believe)|not true|untrue|(?:he|she|they)(?:'s|'re| is| are| was| were) (?:so\s+|totally\s+|completely\s+)?wrong|(?:that's|that is|thats|it's|how) (?:so\s+)?(?:awful|horrible|unfair|not fair|rubbish|nonsense|out of order|cruel|harsh)|(?:doesn't|does not|don't|didn't|do not) (?:know|see|understand) (?:you|what you|how)|i stood up for you|i hate that (?:someone|anyone|he|she|they|people))\b/;
/** Praise by comparison: "Nobody makes me laugh the way you do" (a warm word must be in it). */
const NOBODY_LIKE = /\b(?:nobody|no one|no-one|none of them)\b[^.!?]{0,50}\b(?:the way|like|as well as|better than|as much as) (?:you|u)\b/;
/** Fondness: "impossible to stay cross with", "you're a daft sod but you're my daft sod". */
const FOND =
  /\bbetter (?:\w+ )?than i(?:'ll| will| could)? ever\b|\b(?:impossible|hard|difficult) to (?:stay|be|get|remain) (?:cross|angry|mad|annoyed|upset) with\b|\b(?:impossible|hard) to (?:resist|say no to)\b|\bbut (?:you're|you are|ur|u r) my\b/;
/** What no one else does that hurts: "nobody lies like you do" stays harsh. */
const NOBODY_HURTS =
  /\b(?:lie|lies|lied|hurt|hurts|cheat\w*|annoy\w*|embarrass\w*|humiliat\w*|ignor\w*|let(?:s)? me down|disappoint\w*|wind\w* me up|drives? me mad|manipulat\w*|scream\w*|shout\w*|yell\w*|mess\w* up|ruin\w*|wast\w*)\b/;
/** What only the partner does for the writer: "no one has ever believed in me the way you do". */
const NOBODY_KIND =
  /\b(?:hugs?|cuddles?|kiss\w*|cooks?|sings?|believ\w* in me|gets? me|got me|understands? me|understood me|knows? me|makes? me (?:laugh|smile|feel))\b/;
/** "You've done nothing but try", "you've been nothing but kind". */
const NOTHING_BUT =
  /\bnothing but (?:try|trying|help|helping|support|supportive|love|loving|kind|patient|good|generous|lovely|there for)\w*/;
/** A trait credited with something good: "…, which is one of my favourite things about you", "…, and it's why you got through". */
const TRAIT_PRAISED =
  /(?:,|\band\b|\bwhich\b)[^.!?]{0,30}\b(?:(?:one of )?(?:my (?:favou?rite|best)|the (?:things?|bits?) i (?:love|like|adore)) (?:things? )?about (?:you|u)|(?:i|we) (?:love|adore|like) (?:that|this|it) about (?:you|u)|i (?:still )?love (?:you|u)(?= *[.!x]*$)|(?:it's|that's|it is|that is|which is) (?:why|how) (?:you|u|we) (?:got through|made it|survived|managed|pulled through|kept going|coped|did it|won))\b/;
/** After "you always …": knowing what the writer needs, or thanks closing the sentence ("… so nice ty"). */
const ALWAYS_KIND =
  /^\s+(?:said (?:you|u)(?:'d| would)? (?:wanted|love|loved|like|liked) to|wanted to (?:see|go|visit|try|learn|live|travel|have|do|get|be)|dreamed of|dreamt of|talked about (?:going|wanting|seeing|visiting|moving|living|learning))\b|^\s+(?:seem to\s+)?know (?:exactly |just )?(?:what|how) to (?:say|do|make)\b(?![^.!?]*\b(?:wind|hurt|upset|push|annoy|small|guilty)\w*)|^\s+(?:been\s+)?(?:had|have|got|there for|stood by|stuck by|believed in|supported|backed|looked after|taken care of|cared for)\s+(?:my back|me|us)\b(?!\s+(?:down|up|out))|^\s+(?:seem to\s+)?(?:know|knew|can tell|notice|sense)\s+(?:exactly\s+)?(?:when|what|how)\s+(?:i|i'm|i am)\s+(?:need|feel|tired|sad|down|upset|low|struggling|worried)\b/;
const THANKS_END = /(?:^|\s)(?:ty|thx|tysm|thank (?:you|u)|thanks)(?:\s+(?:so much|babe|love|hun|x+))?[\s.!x]*$/;
/** Round 16: after an insult word said to "you", a particle or object shows it is a verb ("you joke about …"). */
const VERB_AFTER = /^\s+(?:about|around|out|over|up|me|us|him|her|them|when|whenever)\b/;
/** Round 16: love after a teasing word (thanks alone may be sarcastic: "You're a selfish pig. Thanks."). */
const AFFECTION = /\b(?:(?:i\s+)?(?:still\s+)?lo+ve? (?:you|u|ya)|luv (?:you|u|ya))\b|\uD83D\uDE02|\uD83E\uDD23|\u2764/;
const MOCKED_THANKS =
  /\bthanks? (?:you )?(?:a lot|for nothing|so much for (?:nothing|ruining|leaving|that))\b|\bcheers for (?:nothing|that)\b|\uD83D\uDE44|\b(?:again|for once|as usual|as always)\b/;
/** Round 16: after an absolute, the writer's care in the same sentence: "…, and I worry about you", "… so I leave this space for you". */
const CARE_AFTER =
  /(?:,|\band\b|\bso\b)\s*(?:so\s+)?i (?:worry|'m worried|am worried|get worried) about (?:you|u)\b|\bso i(?:'ve| have)? (?:always\s+)?(?:leave|left|save|saved|keep|kept|get|got|buy|bought|make|made|put|set|book|booked)\b[^.!?]*\bfor (?:you|u)\b/;
/** Round 16: the next sentence offers help: "Can I make dinner tonight?", "Let me take the kids." */
const OFFER_NEXT =
  /^(?:(?:can|shall|could) i (?:make|get|bring|help|do|take|cook|run|pick|give|grab)|let me (?:help|make|get|bring|take|cook|run|pick|give)|want me to|i(?:'ll| will) (?:make|cook|bring|get you|run you|take the kids))\b/;
/**
 * Round 17: after an absolute, the next sentence checks in, offers, or says the writer is there
 * ("You always seem so tired lately. Is work ok?", "You never talk about your dad. I'm here if you
 * want to.", "… I'm worried about you.").
 */
const CONCERN_NEXT =
  /^(?:(?:is|was) (?:work|everything|it|something|all|that) (?:ok|okay|alright|all right|going ok)|(?:are|r) (?:you|u) (?:ok|okay|alright|all right|feeling)(?! with\b)|(?:do (?:you|u) )?want to talk|(?:i'm|i am|im) (?:here|around|always here)(?: for (?:you|u)| if (?:you|u))|(?:i'm|i am|im) (?:a bit |really |so |just )?(?:worried|concerned) (?:about|for) (?:you|u)|i (?:worry|care) about (?:you|u)|let me know if)\b/;
/**
 * Round 17: after an absolute, in the same sentence, the writer's wish to help, a reassurance or a
 * kindness done because of the habit ("…, and I wish you would, because I want to help", "…, it's
 * going to be fine, I promise", "… so I packed you a muffin").
 */
const KIND_AFTER =
  /\bi (?:wish|hope) (?:you|u)(?:'d| would)\b[^.!?]*\b(?:help|let me|lean on me|ask me)\b|\b(?:it'll|it will|it's going to|it is going to|it's gonna|its gonna|you'll|you will) be (?:fine|ok|okay|alright|all right|great)\b|\bso i (?:packed|brought|made|got|cooked|saved|bought|picked up|grabbed) (?:you|u)\b/;
/**
 * Round 17: a promise or reassurance with an absolute ("You'll always have a home with me", "You
 * will never lose me", "You're never a bother", "you're always welcome", "You're constantly on my
 * mind"): the absolute is the writer's own constancy, not a verdict on the partner.
 */
const CONSTANT_ALWAYS =
  /^\s+(?:have (?:me|a home|a place|a seat|my (?:support|back|love|word)|someone|us|family)|be (?:loved|welcome|safe|my (?:\w+ )?(?:one|girl|boy|person|favou?rite|home)|the one|wanted|enough for me)|welcome|(?:on|in) my (?:mind|heart|thoughts))\b/;
const CONSTANT_NEVER =
  /^\s+(?:lose me|be (?:alone|on your own|a (?:bother|burden))|(?:need|have) to (?:worry|ask|earn|apologi[sz]e|explain|thank|pay|be alone)|walk alone|(?:a |any )?(?:bother|burden|nuisance|trouble))\b/;
/** The absolute names the writer's constancy: "you'll always have me", "you're never a bother". */
function constantKind(said: string, rest: string): boolean {
  return (/(?:always|constantly)$/.test(said) ? CONSTANT_ALWAYS : /never$/.test(said) ? CONSTANT_NEVER : null)?.test(rest) ?? false;
}
/** The same shapes for the model's finding on a stretch: "You're never a bother.", "You're always welcome to …". */
const ABSOLUTE_IN = /\b(?:you|u)(?:'re| are|'ll| will|'ve| have)?\s+(always|never|constantly)\b/;
/**
 * Round 17: a plain question about a habit, with no judging word ("Are you always this busy in
 * December?", "Do you always park there?"); "Do you always have to …", "… like this?" and "Why do
 * you always …" stay harsh.
 */
const HABIT_QUESTION = /(?:^|[.!?]\s+)(?:and |so |hey,? |oh,? )?(?:are|do|does|did|is|were|have|will) (?:you|u)\s+(?:always|ever|usually)$/;

/** Round 17: "You're always brilliant with my gran": praise after "you're always" ("good at …", "great at …" can mock). */
const ALWAYS_PRAISED =
  /^\s+(?:so\s+)?(?:brilliant|wonderful|great|amazing|lovely|fantastic|patient|kind|generous|gentle|thoughtful|good|sweet|funny|calm|supportive|beautiful|gorgeous|incredible|brave|strong|fun)\b(?!\s+at\b)/;
/** Round 17: constancy when it costs something ("You always show up. Even when it's hard."). */
const EVEN_WHEN_HARD =
  /^[\s.,!-]*(?:and\s+)?even (?:when|on the days|if) (?:it's|it is|it was|things are|things get|things were|you're|you are|you were|i'm|i am|i was) (?:really\s+|so\s+)?(?:hard|tough|difficult|tired|exhausted|busy|rough|awful|scary|late|low|at my worst|not easy)\b/;

/** Round 16: a time of life long past, after a verdict: "a nightmare as a teenager", "… when you were little". */
const LONG_AGO =
  /^\s+(?:as an?|when (?:you|u) (?:were|was))\s+(?:teenager|teen|kid|child|baby|toddler|little|young|younger|small|boy|girl|student|at school)\b/;
/** Round 16: after "you're the reason I …": something the partner made possible. */
const REASON_KIND =
  /^\s+(?:\w+\s+)?(?:survived|got through|get through|made it|make it|kept going|keep going|pulled through|(?:am|'m) still (?:here|standing|going|sane)|still believe|get up|got up|smile|laugh|believe|tried again|came back|stayed sober|recovered|healed|finished|passed|am happy|'m happy|feel safe|felt safe)\b/;
/** Admiration: "I don't know how you do it." */
const ADMIRED = /\bi (?:don't|dont|do not) know how (?:you|u) do it\b|\bhow do (?:you|u) do it\b/;
/** The writer's own earlier words taken back in the sentence before: "I called you selfish, and it wasn't true." */
const TAKEN_BACK =
  /\bi (?:called|said|told) (?:you|u)\b[^.!?]*\b(?:wasn't|was not|isn't|is not|not) (?:true|fair)\b|\bi was (?:so\s+|really\s+)?(?:unfair|unkind|harsh|horrible|mean|wrong|out of order|out of line) (?:to|with|about) (?:you|u)\b/;
/** "Thanks to you I finally went to the doctor": a step the writer took, credited to the partner. */
const FINALLY_DID =
  /^\s*,?\s*i (?:finally|actually|now) (?:went|booked|called|rang|started|tried|signed up|joined|saw|finished|passed|applied|asked for help|took|made the call)\b/;

/**
 * Round 19: words named rather than said — "we should stop saying you always and you never", "words
 * like useless": a finding right after a verb of saying with no speaker, or "words like", is a mention.
 */
const MENTIONED =
  /\b(?:(?:stop|stopped|quit|avoid|avoiding|try not to|trying not to|not to|no more|without|instead of|never)\s+(?:saying|say|using|use)|(?:words|phrases|things|stuff) like)\s+(?:[a-z' ]{0,30}\s(?:and|or)\s+)?$/;
/** Round 19: a habit asked for ("Could you always text me when you land?"); "… always be so …" is not asked for. */
const HABIT_ASKED = /\b(?:could|would|can|will) (?:you|u) (?:please\s+)?always$/;
/** Round 19: after "what about you", a question about the partner's day or wants, not a counter ("What about you, how was your day?"). */
const ABOUT_YOU_ASKED =
  /^\s*[,?]?\s*(?:how (?:was|is|are|'s|did|do) (?:you|u|your|ur|work|the)|(?:are|r) (?:you|u) (?:ok|okay|alright|hungry|free|coming|tired)|what (?:do|would) (?:you|u) (?:fancy|like|want|need)|(?:do|would) (?:you|u) (?:fancy|like|want))\b/;
/** Round 19: the writer's own offer after an order, in the same sentence ("Don't you dare lift that box, I'll carry it"). */
const OFFER_AFTER =
  /^[^.!?]*[,;-]\s*(?:i'll|i will|ill|let me|i've got|i have got|i got)\s+(?:carry|do|get|take|handle|sort|lift|grab|help|cook|make|bring|fetch|pay|it|them|this|that)\b(?![^.!?]*\bmyself\b)/;
/** Round 19: a sincere reflection before "how lucky I am" ("it made me think about how lucky I am"). */
const REFLECTING =
  /\b(?:think|thinking|thought|realis\w*|realiz\w*|remember\w*|remind\w*(?: me| us)?|know|knew|see|saw|grateful)\s+(?:about\s+|of\s+)?$/;
/** Round 19: "for once" with the writer as the subject ("For once I beat you at chess!"): no mockery of the partner. */
const ONCE_MINE = /^\s*,?\s*(?:i|we|i've|we've|i'm|we're)\b/;

/**
 * Round 14's checks that leave gentle messages alone, by shape: thanks after an absolute, "you
 * never" in an idiom or about one event, thanks for remembering without a mocking cue, a time of
 * life or a thing named with a harsh noun ("as a teenager", "the jokes about …"), someone else's
 * shouting reported without quotes, one past occasion told with how it felt, and the frames above.
 */
export function modelChecks({ after, before, sentenceEnd, mockingAfter, judgingWord, warm }: RuleHelpers): ModelChecks {
  const framed = (text: string, previous = '') =>
    (FRAME.test(text) || BEFORE_FRAME.test(previous)) && !judgingWord(previous + ' ' + text) && !/\blike (?:always|usual)\b/.test(text);
  // round 17: the model's finding on an absolute that names the writer's constancy or asks about a habit
  const kindAbsolute = (text: string) => {
    const m = ABSOLUTE_IN.exec(text);
    if (!m) return false;
    const said = m[0];
    const rest = text.slice(m.index + said.length);
    const head = text.slice(0, m.index);
    if (judgingWord(head + ' ' + rest.replace(/^\s*(?:this|so)\s+/, ' '))) return false;
    if (constantKind(said, rest) || (/never$/.test(said) && NEVER_KIND.test(rest))) return true;
    return (
      HABIT_QUESTION.test(head + said.replace(/^(?:you|u)(?:'re| are|'ll| will|'ve| have)?/, 'you')) &&
      /^[^.!]*\?/.test(rest) &&
      !/^\s+(?:have|need|got) to\b|\b(?:like (?:this|that)|do (?:this|that))\b/.test(rest)
    );
  };
  const answered = (text: string) => THEY_JUDGED.test(text) && ANSWERED.test(text.slice(text.search(THEY_JUDGED)));
  return {
    partnerContext,
    gentle: (text, previous) =>
      framed(text, previous) ||
      answered(text) ||
      (OFFER_AFTER.test(text) && !judgingWord(text) && !/\b(?:like|as) (?:always|usual)\b|\beverything\b/.test(text)) ||
      (NOBODY_LIKE.test(text) &&
        (warm(text, 0, text.length) || NOBODY_KIND.test(text)) &&
        !NOBODY_HURTS.test(text) &&
        !judgingWord(text.replace(/\b(?:nobody|no one|no-one)\b/, ''))) ||
      (NOTHING_BUT.test(text) && !judgingWord(text.replace(NOTHING_BUT, ''))) ||
      (TAKEN_BACK.test(previous) && !/(?:^|[,;]\s*)(?:but|still|however|though)\b/.test(text)) ||
      TRAIT_PRAISED.test(text) ||
      (FOND.test(text) && !/\b(?:again|for once|as usual|nothing)\b/.test(text)) ||
      (ADMIRED.test(text) && !/\b(?:again|for once|as usual|nothing)\b/.test(text)) ||
      kindAbsolute(text),
    drop(folded, type, start, end) {
      const head = before(folded, start);
      if (THEY_SAID.test(head)) return true;
      const said = folded.slice(start, end);
      const rest = after(folded, end);
      // round 19: a word named, not said at the partner
      if (MENTIONED.test(head)) return true;
      if (type === 'defensive' && /^what about (?:you|u)$/.test(said) && ABOUT_YOU_ASKED.test(rest)) return true;
      if (type === 'command' && /^don'?t (?:you|u) dare$/.test(said) && OFFER_AFTER.test(rest) && !judgingWord(rest)) return true;
      if (type === 'sarcasm' && /^for once$/.test(said) && ONCE_MINE.test(rest)) return true;
      if (type === 'sarcasm' && /^how lucky/.test(said) && REFLECTING.test(head)) return true;
      if ((type === 'insult' || type === 'character' || type === 'contempt' || type === 'criticism') && THEY_JUDGED.test(head + said)) {
        const stop = sentenceEnd(folded, end);
        if (answered(head + said + folded.slice(end, sentenceEnd(folded, stop + 1)))) return true;
      }
      // round 17: someone else's warm words about the partner ("Mum used to say you always bring the sun with you"),
      // or their absolute answered ("my sister says you never relax, I told her you've earned it")
      if (type === 'absolute' && THEY_JUDGED.test(head + said)) {
        const stop = sentenceEnd(folded, end);
        if (answered(head + said + folded.slice(end, sentenceEnd(folded, stop + 1)))) return true;
        if (warm(folded, start, end) && !judgingWord(rest)) return true;
      }
      if ((type === 'insult' || type === 'character' || type === 'contempt' || type === 'absolute') && TRAIT_PRAISED.test(rest))
        return true;
      // round 16: teasing answered by affection later in the message ("You big idiot, you didn't
      // have to drive back. Thank you. Love you.", "You're the worst at hiding presents. … I love you anyway.")
      if ((type === 'insult' || type === 'character') && AFFECTION.test(folded.slice(end)) && !MOCKED_THANKS.test(folded.slice(end)))
        return true;
      // round 16: the writer's own, typed without an apostrophe ("ugh im such an idiot")
      if ((type === 'insult' || type === 'character') && /\bim\s+(?:\w+\s+){0,3}$/.test(head)) return true;
      // round 16: not an order but a report of talk ("you never shut up about me", "he won't shut up")
      if (
        type === 'command' &&
        /^shut\s+up/.test(said) &&
        /\b(?:never|don't|dont|didn't|didnt|won't|wont|can't|cant|wouldn't)\s+$/.test(head)
      )
        return true;
      // round 16: a verdict on a time of life long past ("a nightmare as a teenager")
      if ((type === 'insult' || type === 'character') && LONG_AGO.test(rest)) return true;
      // round 16: "ur the reason i survived this week": what the partner made possible
      if (type === 'blame' && /\b(?:the reason|why)(?: i| we)?$/.test(said) && REASON_KIND.test(rest) && !judgingWord(rest)) return true;
      // "impossible to stay cross with", "… but you're my daft sod": fondness, not a verdict
      if ((type === 'character' || type === 'insult') && FOND.test(said + rest)) return true;
      // "nobody hugs like you do"
      if ((type === 'contempt' || type === 'sarcasm') && NOBODY_LIKE.test(head + said + rest)) {
        const sentence = head + said + rest;
        if ((NOBODY_KIND.test(sentence) || warm(sentence, 0, sentence.length)) && !NOBODY_HURTS.test(sentence)) return true;
      }
      // someone else's: "your sister's baby", "my friend's idiot dog"
      if (
        type === 'insult' &&
        /\b(?!(?:he|she|it|that|who|what|there|here|everyone|everybody|one|this)'s)[a-z]+'s\s+(?:new\s+|little\s+)?$/.test(head)
      )
        return true;
      // a vow about oneself: "I swore I'd never talk like that"
      if (type === 'contempt' && /\b(?:swore|promised|vowed|decided|told myself) (?:that )?$/.test(head)) return true;
      if (type === 'blame' && /^thanks to/.test(said) && FINALLY_DID.test(rest) && !judgingWord(rest)) return true;
      if (type === 'absolute') {
        if (THANKS_NEXT.test(folded.slice(end + rest.length, end + rest.length + 30))) return true;
        // round 16: a habit met with the writer's care ("You always look so tired. Can I make dinner?",
        // "… so I leave this space for you", "…, and I worry about you")
        const next = folded.slice(end + rest.length, sentenceEnd(folded, end + rest.length + 1));
        const nextOpen = next.replace(/^[\s.!?]+/, '');
        if (
          (CARE_AFTER.test(rest) || KIND_AFTER.test(rest) || OFFER_NEXT.test(nextOpen) || CONCERN_NEXT.test(nextOpen)) &&
          !judgingWord(rest + ' ' + next)
        )
          return true;
        if (
          /\balways$/.test(said) &&
          ((/(?:'re|are|r)\s+always$/.test(said) && ALWAYS_PRAISED.test(rest)) || EVEN_WHEN_HARD.test(rest) || EVEN_WHEN_HARD.test(next)) &&
          !NOBODY_HURTS.test(rest) &&
          !judgingWord(rest + ' ' + next)
        )
          return true;
        // round 19: a habit asked for, as a question, with no judging word
        if (
          HABIT_ASKED.test(head + said) &&
          /\?/.test(folded.slice(end, sentenceEnd(folded, end) + 1)) &&
          !/^\s+(?:be|have to|need to|get|look|sound|act)\b/.test(rest) &&
          !judgingWord(rest)
        )
          return true;
        // round 17: the writer's constancy ("you'll always have a home with me"), a plain question about a habit
        if (constantKind(said, rest) && !judgingWord(rest)) return true;
        if (
          HABIT_QUESTION.test(head + said) &&
          /\?/.test(folded.slice(end, sentenceEnd(folded, end) + 1)) &&
          !/^\s+(?:have|need|got) to\b|\b(?:like (?:this|that)|do (?:this|that))\b/.test(rest) &&
          !judgingWord(rest)
        )
          return true;
        if (/\balways$/.test(said) && (ALWAYS_KIND.test(rest) || (THANKS_END.test(rest) && !mockingAfter(folded, end)))) return true;
        return /\b(?:never|rarely)$/.test(said) && NEVER_KIND.test(rest);
      }
      if (type === 'sarcasm') return /^thanks?\b.*\b(?:remembering|actually)$/.test(said) && !mockingAfter(folded, end);
      if (type === 'insult')
        return (
          (/\bas an?\s+$/.test(head) && /^(?:teenager|child|kid|baby|toddler)/.test(said)) ||
          // round 16: a noun that is also a verb, used as one after "when / if you" ("when you joke about my weight");
          // "you fool around" keeps its finding
          (/\b(?:when|whenever|if|that)\s+(?:you|u)\s+$/.test(head) && VERB_AFTER.test(rest)) ||
          (/\b(?:the|those|these|his|her|their|our)\s+$/.test(head) &&
            /^\s+(?:about|of|at|in|on|from|were|was|are|is|hurt|stung)\b/.test(rest))
        );
      if (type === 'criticism') {
        const stop = sentenceEnd(folded, end);
        const next = stop < folded.length ? folded.slice(stop, sentenceEnd(folded, stop + 1)) : '';
        const felt = after(folded, end) + ' ' + next;
        if (/\b\w{3,}ed\b/.test(said) && FELT.test(felt) && !PATTERN.test(head + said + felt)) return true;
        return framed(head + folded.slice(start, stop) + next);
      }
      return false;
    },
  };
}

/**
 * Round 15: the partner's own part around the wrong — an act or a word of theirs ("you trusted me
 * with the accounts", "you'd asked me to …", "you work harder than anyone"), what they were doing
 * ("when you were on the phone", "u were saving"), the writer's words about them ("I said you were
 * lazy") — is context, not impact. The impact head reads the apology without it.
 */
const CLAUSE = String.raw`(?:(?!\b(?:and|but|so|now|then|because)\b)[^.!?,;])*`;
/**
 * Round 17: praise of the partner ("You're a brilliant mum", "you've been honest with me from the
 * start", "You're the smartest person I know") and trust they placed or a plan they had made before
 * the wrong ("You placed your trust in me", "you were trusting me to …") are theirs too.
 */
const PRAISED = String.raw`\b(?:you're|you are|youre|ur|u r|you've been|you have been|you've always been|you were always)\s+(?:(?:such|so|always|the|a|an|really|truly|honestly|only ever|nothing but|one of the)\s+)*(?:brilliant|good|great|wonderful|amazing|smartest|best|kindest|kind|honest|patient|loyal|lovely|incredible|fantastic|generous|strong|clever|caring|decent|fair|faithful|devoted|gentle|beautiful|wise|bravest|brave)\b`;
/** Round 17: what the partner always or never does for the writer ("You never forget mine", "u always trusted me"). */
const CONSTANT_PARTNER = String.raw`\b(?:you|u)(?:'ve| have)? (?:always|never) (?:forget|forgot|forgotten|miss|missed|tell|told|remember|remembered|been (?:there|honest|faithful|good|kind)|trusted|kept|keep|let me down|given me (?:a |any )?reason)\b|\b(?:you|u)(?:'ve| have)? given me no reason\b`;
const PLACED = String.raw`\b(?:you|u)(?:'d| had)? (?:placed|put|gave me) (?:your|all your|so much) (?:trust|faith)\b|\b(?:you|u) (?:were|was) (?:trusting|relying on|counting on|depending on)\b`;
const PARTNER_CONTEXT = new RegExp(
  String.raw`${PRAISED}${CLAUSE}|${CONSTANT_PARTNER}${CLAUSE}|${PLACED}${CLAUSE}|\b(?:when|while|whilst) (?:you|u) (?:were|was|are|'re)\b${CLAUSE}|\b(?:you|u)(?:'ve| have)? got (?:a |such a |the )?(?:lovely|beautiful|great|good|amazing|gorgeous|wonderful)\b${CLAUSE}|\b(?:you|u)(?:'d| had)? (?:(?:always|just|only|even)\s+)?(?:trusted|asked|told me|said|say|wanted|planned|cooked|bought|saved|work|worked|deserve|deserved)\b${CLAUSE}|\b(?:you|u) (?:were|was) (?:only |just |so )?(?:saving|talking|excited|right|on the phone|busy|asleep|working|cooking|looking after)\b${CLAUSE}|\bi (?:said|called|told (?:everyone|people|them)) (?:that )?(?:you|u)\b${CLAUSE}`,
  'g',
);

export function partnerContext(folded: string): string | null {
  if (!PARTNER_CONTEXT.test(folded)) return null;
  PARTNER_CONTEXT.lastIndex = 0;
  return folded.replace(PARTNER_CONTEXT, (m) => ' '.repeat(m.length));
}

/** What these rules need from the island's code: its message rules, `ruleSet` and the helpers. */
export interface RuleBase {
  messageRules: readonly Rule[];
  ruleSet(rules: readonly Rule[]): readonly Rule[];
  helpers: RuleHelpers;
}

/**
 * A model reader that also runs the rules and checks which come with the model (analyse.ts's
 * `RULE_BASE` is the base). Build it once: the indexed runner keeps an index per rule list.
 */
export function withModelRules(reader: CoachModelReader, base: RuleBase): CoachModelReader {
  const h = base.helpers;
  return {
    ...reader,
    messageRules: [...base.messageRules, ...base.ruleSet(modelRules(h))],
    componentRules: modelComponentRules(h),
    checks: modelChecks(h),
  };
}
