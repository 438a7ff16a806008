/**
 * Rules for messages to or about the partner: what may land as criticism, blame, contempt or
 * shutting the other down. Each rule names the words that triggered it and says, kindly, why.
 */
import { APPRECIATION, CHARACTER_ADJECTIVES, HURT, INSULT_NOUNS, NEVER_WARM_VERBS, SINCERE, WARM, alternation } from './lexicon.js';
import { FAMILY_RULES, mocking } from './family-rules.js';
import { after, before, ruleSet, type Rule } from './text.js';

/** The message finding types; every one of them makes a message harsh. */
export const MESSAGE_FINDING_TYPES = [
  'absolute',
  'character',
  'insult',
  'blame',
  'contempt',
  'sarcasm',
  'command',
  // pattern families (family-rules.ts)
  'criticism',
  'defensive',
  'stonewalling',
  'threat',
  // the trained model's finding (analyse.ts): a sentence the rules do not explain
  'tone',
] as const;

export type MessageFindingType = (typeof MESSAGE_FINDING_TYPES)[number];

// "you never once complained": a filler word and any tense of the verb keep it praise
const NEVER_WARM = new RegExp(`^\\s*(?:(?:once|even|ever|really)\\s+)?(?:${alternation(NEVER_WARM_VERBS)})(?:e?d|s)?\\b`);
const NEGATED = /(?:\bnot|n't|\bnever|\bno)\s+(?:all\s+|really\s+|entirely\s+)?$/;
const SELF_SUBJECT = /\b(?:i|we|i'll|i will|i just|i'd|let me|to)\s+$/;

/** The sentence so far is empty or only softeners, so the match opens an imperative. */
function opensSentence(folded: string, start: number): boolean {
  return /^[\s,"'(-]*(?:(?:just|now|so|and|oh|please|then|ok|okay|well|whatever|seriously|honestly|look|listen|you know what|god|jesus|no)[\s,!]*)*$/.test(
    before(folded, start),
  );
}

/** "You always …" is warm when the sentence is about something loving. */
function accusingAbsolute(folded: string, start: number, end: number, m: RegExpExecArray): boolean {
  const word = m[1] ?? '';
  const rest = after(folded, end);
  if (APPRECIATION.test(rest)) return false;
  // "you're never too busy for …"; "you never know with the trains" (an idiom, not a verdict)
  if (word === 'never' || word === 'rarely')
    return !NEVER_WARM.test(rest) && !/^\s+too\s+\w+\s+(?:for|to)\b|^\s+know\b\s*(?:[,.!?]|$|with\b|until\b)/.test(rest);
  const sentence = before(folded, start) + folded.slice(start, end) + rest;
  return !WARM.test(sentence);
}

// Who a name or judgement is aimed at: the last subject marker before it in the sentence wins.
const SUBJECT_MARKERS =
  /\b(?:i'm|i am|i was|i've been|i have been|i feel|i felt|i look|i looked|i sound|i seem|i acted|i behaved|myself|my|he's|she's|he is|she is|he was|she was|they're|they are|it's|it is|it was|that's|that is|that was|this is|this was|you're|you are|you were|you've been|you have been|you look|you sound|you seem|you act|you acted|you're being|you are being|you'll always be|you will always be|you can be|you become|you became|you behave|you behaved|you're acting|you are acting|you talk like|are you|aren't you|were you|your|yourself|youre|you r|u r|ur|u are|can you not be|could you not be|can you be|stop being|quit being|don't be|calling me|call me|called me|called yourself|call yourself a)\b/g;
const FRAGMENT =
  /^[\s,"'(-]*(?:(?:so|such|absolutely|completely|totally|really|just|utterly|how|a|an|what|and|truly|simply|plain|pure|too|very|always|an absolute|a complete|a total|total|complete|the|most|the most|such a|what an?|oh|wow|god|honestly|seriously|only)[\s,]+)*$/;

/** "I don't think you're …", "you're not …", "you were never …": the judgement is denied. */
const DENIED_HEAD =
  /\b(?:don't|do not|didn't|never) (?:think|believe|see|say|said|call|called|mean|meant)\b|\bnot (?:saying|calling|that|because)\b|\bno(?:body| one|-one) (?:thinks|says|said|is saying)\b/;
const DENIED_GAP = /\b(?:not|never|no longer|n't)\b|n't\b/;
/** "you idiot", "you absolute muppet", "you useless man": the name is said to the partner. */
const VOCATIVE =
  /\b(?:you|u|ya)\s+(?:(?:absolute|complete|total|utter|little|big|fat|bloody|fucking|damn|stupid|selfish|lying|cheating|useless|pathetic|sad|spineless|heartless|worthless|ungrateful|lazy|miserable|disgusting|two-faced|jealous|sorry)\s+)?$/;

function aimedAtPartner(folded: string, start: number, end: number): boolean {
  const head = before(folded, start);
  if (VOCATIVE.test(head)) return !/\b(?:thank|love|miss|see|tell|told|call|called|make|made|treat|help)\s+(?:you|u|ya)\s+$/.test(head);
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  SUBJECT_MARKERS.lastIndex = 0;
  while ((m = SUBJECT_MARKERS.exec(head)) !== null) last = m;
  if (last) {
    const gap = head.slice(last.index + last[0].length);
    const marker = last[0];
    if (marker === 'called yourself') return false; // reporting what the partner said of themselves
    if (/^(?:you|u |ur|your|are you|aren't you|were you|call yourself|can you|could you|stop being|quit being|don't be)/.test(marker)) {
      if (gap.length > 40 || DENIED_GAP.test(gap) || DENIED_HEAD.test(head.slice(0, last.index))) return false;
      // "your child", "your stupid phone": a possessive, not a name for the partner
      if (marker === 'your' && /^\s+(?:[\w-]+\s+)?$/.test(gap) && !/^\s+(?:a|an|such|so|the)\s+$/.test(gap)) {
        return false;
      }
      return true;
    }
    // Close to "I'm", "my", "it was" …: the writer is talking about themselves or something else.
    if (gap.length <= 30 && !/[,;:]/.test(gap)) return false;
  }
  if (/\bsuch an?\s+$/.test(head) && !/\b(?:i'm|i am|i was|i feel|i felt|like)\s+such an?\s+$/.test(head)) return true;
  const rest = after(folded, end);
  if (/^\s+(?:as|like)\s+you\b/.test(rest)) return true;
  // "Absolutely useless." — a short fragment, not the start of a sentence about something else
  // "bad day", "awful week": a fragment about a day, not a verdict on the partner
  if (/^\s+(?:day|night|week|morning|evening|time|year|month|news|mood|idea|dream|sleep|weather)\b/.test(rest)) return false;
  return (
    FRAGMENT.test(head) &&
    /^\s*(?:[,!:-]|$|\s(?:and|as|like|of|again|too|honestly|really|aren't|isn't)\b)|^\s+[\w'-]+\s*$|\b(?:you|u|your|ur)\b/.test(rest)
  );
}

const INSULT_RE = new RegExp(`\\b(?:${alternation(INSULT_NOUNS)})s?\\b`, 'g');
const CHARACTER_RE = new RegExp(`\\b(?:${alternation(CHARACTER_ADJECTIVES)})\\b`, 'g');

export const MESSAGE_RULES: readonly Rule[] = ruleSet([
  // — absolutes about the partner —
  {
    type: 'absolute',
    pattern:
      /\b(?:you|u|ur)(?:'re| are|'ve| have|'ll| will|'d| would| had| r)?\s+(?:just\s+|honestly\s+|literally\s+)?(always|never|constantly|forever|rarely|only ever)\b|\b(?:it's|it is|everything(?:'s| is)) always about you\b|\balways (?:someone|somebody|something|everyone|anyone) else(?:'s)?\b|\balways your way\b|\bevery (?:single )?time\b[^.!?]{0,60}?,\s*you\b|\ball (?:you|u) (?:ever\s+)?(?:do|care about|think about|talk about|want|say|did|cared about|thought about)\b|\bwhy\s+(?:\w+\s+)?(?:are|do|does|did|can't|won't|don't|didn't|must|is it|can|would)\s+(?:you|u)\s+(?:always|never|ever|constantly)\b|\b(?:can't|won't|don't|couldn't|wouldn't|didn't) you ever\b/g,
    explanation: '"Always" and "never" about your partner may land as a verdict on who they are; one specific moment is easier to hear.',
    accept: accusingAbsolute,
  },
  // — character and names —
  {
    type: 'insult',
    pattern: INSULT_RE,
    explanation: 'A name like this may land as an attack on who your partner is, and the hurt behind it can get lost.',
    accept: aimedAtPartner,
  },
  {
    type: 'character',
    pattern: CHARACTER_RE,
    explanation:
      "This may land as a judgement of your partner's character; describing what they did and how it affected you is easier to hear.",
    accept: aimedAtPartner,
  },
  {
    type: 'character',
    pattern:
      /\byou(?:'re| are)\s+(?:so\s+|just\s+|completely\s+|totally\s+)?incapable of\b|\byou can(?:'t|not) be trusted\b|\byou only (?:ever\s+)?(?:care|think) (?:about|of) (?:yourself|your\s+(?:own\s+)?\w+|you)\b|\byou (?:don't|do not|never) (?:even\s+)?(?:care|think) about (?:anyone|anybody|anything|me|us|how i feel|my feelings|anyone but|no one but)\b|\byou (?:couldn't|could not) care less\b|\byou (?:don't|do not|never) give a (?:damn|toss|shit|fuck|crap|monkey's)\b|\b(?:world|universe|everything) (?:revolves|turns) around you\b|\b(?:that's|that is|it's|it is) (?:just |exactly |simply |always )?(?:who|what) you are\b|\byou(?:'re| are| were)\s+(?:not fit|unfit|not good enough|not man enough|not woman enough) to\b|\bif your life depended on it\b|\b(?:made|make|making) (?:an?\s+)?(?:complete\s+|total\s+|utter\s+)?(?:fool|idiot|joke|laughing stock|mess) (?:out\s+)?of yourself\b|\byou (?:have|'ve got|got) (?:absolutely\s+)?(?:no|zero|not an ounce of|not one ounce of|not a shred of|no sense of)\s+(?:backbone|spine|shame|respect|self-awareness|self awareness|decency|conscience|integrity|morals|empathy|heart|dignity|loyalty|honou?r|manners|class|balls|guts|soul)\b|\byou blame (?:everyone|everybody|others|anyone)\b|\byou(?:'re| are) (?:so\s+)?full of (?:yourself|it)\b|\byou lie (?:about everything|all the time|constantly|every time)\b|\byou can(?:'t|not) do anything right\b|\byou think you(?:'re| are) so\b|\byou can(?:'t|not) even (?:keep|do|remember|manage|get|tell|be)\b|\byou wouldn't know (?:the truth|honesty|loyalty|respect|love)\b/g,
    explanation:
      "This may land as a judgement of your partner's character; describing what they did and how it affected you is easier to hear.",
    // "that's who you are" is warm as often as not: only with nothing loving in the sentence
    accept: (f, s, e) => !/(?:who|what) you are$/.test(f.slice(s, e)) || !WARM.test(before(f, s) + after(f, e)),
  },
  // — blame —
  {
    type: 'blame',
    pattern: /\b(?:all\s+)?your\s+(?:fault|doing)\b/g,
    explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
    accept: (f, s) => !NEGATED.test(before(f, s)),
  },
  {
    type: 'blame',
    pattern: /\b(?:because of|thanks to|all because of)\s+(?:you|u|your\s+\w+)\b/g,
    explanation: 'This may land as blame for how you feel; saying what you feel and need keeps the door open.',
    accept: (f, _s, e) => HURT.test(after(f, e)),
  },
  {
    type: 'blame',
    pattern:
      /\b(?:you|u|your\s+(?:lies|lying|cheating|affair|drinking|temper|behaviou?r|selfishness|betrayal|secrets|actions|choices|games|jealousy|mouth|phone))(?:'ve| have| has)?\s+(?:(?:completely|totally|just|finally|actually|already|officially)\s+)?(?:ruined|ruin|destroyed|destroy|wrecked|wreck|killed|shattered|poisoned|poison|screwed up|messed up|blew up|tore apart|threw away|trashed|sabotaged|spoilt|spoiled)\s+(?:everything|every\s+\w+|us\b|it all|all of (?:it|this|us)|our\b|my\b|this\b|the (?:family|marriage|relationship|trust|holiday|weekend|wedding|kids|day|evening|night)\b|what we (?:had|built)|me\b|any chance|whatever)|\b(?:this|that|it)(?:'s| is| was)\s+(?:all\s+)?on (?:you|u)\b(?!\s+to\b)|\byou did this(?: to (?:me|us|our\s+\w+))?\b|\byou brought (?:this|it) on yourself\b|\byou (?:started|caused) (?:it|this|all this|all of this)\b/g,
    explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
  },
  {
    type: 'blame',
    pattern: /\byou(?: have)? (?:made|make) me\b/g,
    explanation:
      'This puts your feelings in your partner\'s hands and may land as blame; "I feel … when …" says the same thing more gently.',
    accept: (f, _s, e) => {
      const rest = after(f, e);
      // "you made me a cup of tea" is a kindness, not blame
      return !WARM.test(rest) && !/^\s+(?:sick\b|(?:a|an|some)\s+(?!laughing|fool|joke))/.test(rest);
    },
  },
  {
    type: 'blame',
    pattern: /\byou(?:'re| are)\s+(?:the\s+(?:reason|cause|problem)|the one (?:who|that))\b/g,
    explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
    accept: (f, _s, e) => !WARM.test(after(f, e)),
  },
  {
    type: 'blame',
    pattern:
      /\bif (?:you|u)(?:'d| had| hadn't| had not| didn't| did not| weren't| were not| wasn't)\s+(?!(?:like|prefer|rather|want|let|allow|asked)\b)\w+/g,
    explanation: 'This may land as blame for where you both are; saying what you feel and need keeps the door open.',
    accept: (f, s, e) => {
      const rest = after(f, e);
      return /\b(?:wouldn't|would not|would never|'d never|none of this|never have happened|still be)\b/.test(rest) && !WARM.test(rest);
    },
  },
  // — contempt —
  {
    type: 'contempt',
    pattern:
      /\byou (?:disgust|repulse|revolt|sicken|nauseate|appal|appall)(?:s)? me\b|\bwhat(?:'s| is) the matter with you\b|\byou(?:'re| are| really are|'re really)\s+(?:really\s+|truly\s+)?something else\b(?![^.!?]*\b(?:love|amazing|proud)\b)|\bjust wow\b|\b(?:sick|tired|fed up)(?: and tired| to death| to the back teeth)? of (?:you\b|your (?:excuses|lies|lying|games|bullshit|crap|drama|attitude|whining|moaning|nonsense|behaviou?r|sulking|self-pity))|\byou make me (?:want to (?:throw up|puke|vomit|be sick|scream)|feel sick to my stomach)\b|\b(?:i'm|i am|i feel|i was)\s+(?:so\s+|really\s+|honestly\s+)?(?:embarrassed|ashamed|disgusted|mortified)\s+(?:to\s+(?:be|call|say|have|admit|introduce)\b[^.!?]{0,30}?\b(?:you|u)\b|(?:of|by|with) (?:you|u)\b(?!\s+(?:too|both)))|\b(?:nobody|no one|no-one|who)\b[^.!?]{0,30}?\b(?:love|want|trust|stand|put up with|believe|like|respect|listen to)\s+(?:you|u)\b(?![^.!?]*\b(?:like|as much as|the way) i\b)|\b(?:nobody|no one|no-one) (?:cares|gives a \w+) (?:what|about|how) (?:you|u)\b|\bi (?:don't|do not|couldn't|could not) (?:care|give a (?:damn|toss|shit|fuck|crap))\s+(?:what|about what|how|if)\s+(?:you|u)\b|\b(?:everything|every word|anything|nothing)\b(?: that)? (?:comes out of your mouth|you say|you tell me|out of your mouth)\b[^.!?]{0,20}?\b(?:is|are|is ever)\s+(?:a\s+)?(?:lie|lies|rubbish|nonsense|bullshit|true)\b|\bwhy (?:would|should|could) i (?:ever\s+)?(?:believe|trust|listen to|respect)\b[^.!?]{0,30}?\b(?:you|u|your)\b|\bas if i(?:'d| would| could| will)\b[^.!?]{0,30}?\b(?:you|u)\b|\byou call yourself an?\b|\byou disgust me\b|\byou make me sick\b|\bi can(?:'t|not) stand (?:you|the sight of you|looking at you)\b|\bi hate you\b|\byou(?:'re| are) dead to me\b|\bcan(?:'t|not) (?:even\s+)?look at you\b|\bsick (?:and tired )?of you\b|\bi'm done with you\b|\bwho (?:would|could) (?:ever\s+)?(?:want|love|trust)(?: to be with)? you\b|\bnobody (?:could|would|will) (?:ever\s+)?(?:love|want|trust|stand|put up with)\b|\bwhat kind of (?:a\s+)?(?:person|man|woman|husband|wife|partner|father|mother|human|parent)\b(?!\s+(?:do i|i want|i'd like|do you want|would you like))|\byou(?:'re| are) just like your (?:mother|father|mum|mom|dad|ex|brother|sister|parents)\b|\b(?:typical|classic) you\b|\bget over yourself\b|\bnobody asked (?:you|for your)\b|\bi can't believe i (?:married|ended up with|chose)\b|\bget a grip\b|\bwho do you think you are\b|\bwhat(?:'s| is) wrong with you\b|\bcry me a river\b|\bboo[- ]?hoo\b|\bpoor you\b|\bas if you (?:care|cared|would|could|ever)\b|\b(?:be|feel) ashamed of yourself\b|\bshame on you\b|\blook at you,?\s+(?:pretending|acting|playing|trying|crying)\b|\bnobody (?:believes|trusts|likes|cares about|respects)(?: a word)? (?:you|what you)\b/g,
    explanation: 'This may land as contempt, which tends to hurt the most and make it hardest to feel safe with each other.',
  },
  {
    type: 'contempt',
    pattern: /\b(?:grow up|whatever|typical|pathetic|figures|unbelievable|pfft|pff|tsk)\b(?=\s*(?:[.!,]|$))/g,
    explanation: 'This may land as contempt, which tends to hurt the most and make it hardest to feel safe with each other.',
    accept: (f, s) => opensSentence(f, s) && !/\b(?:you|i)\b/.test(before(f, s)),
  },
  // — sarcasm and mockery —
  {
    type: 'sarcasm',
    pattern:
      /\boh,?\s+(?:sure|great|wonderful|perfect|brilliant|please|right|yeah|joy|goody)\b|\byeah,?\s+(?:right|sure)\b|\bsure,?\s+whatever\b|\bwhatever you say\b|\b(?:nice|good|kind|sweet|big|decent|generous)\s+of\s+you\s+to\s+(?:finally|actually|bother|even|grace)\b|\breal(?:ly)?\s+(?:mature|classy|smooth|cute|funny|adult)\b(?!\s+(?:conversation|talk))|\b(?:gee|wow),?\s+(?:thanks|thank you|what a|great|nice|so)\b|\bthanks?(?: you)?\s+(?:a lot\s+|so much\s+)?for\s+nothing\b|\bshould i (?:throw you a (?:party|parade)|give you a (?:medal|prize|trophy)|be grateful|clap)\b|\b(?:want|deserve|get|expect|earn)s?\s+a\s+(?:medal|gold star|trophy|prize|parade|cookie|pat on the back)\b|\b(?:congratulations?|congrats)\b[^.!?]{0,40}\b(?:finally|managed|actually|remembered|another)\b|\b(?:well|good|great) (?:done|job),?\s+(?:you|another|again|for finally)\b|\b(?:big|what a|such a|no|there's a) (?:surprise|shock|shocker)\b|\bgo (?:on,?\s+)?(?:cry|sulk|whine|moan|complain) about it\b|\bcry about it\b|\bof course you'd\b|\bof course you (?:did|do|would|forgot|didn't|don't|were|are|had|will|couldn't|wouldn't|won't)\b|\bwhy am i (?:even\s+)?surprised\b|\bhere we go again\b|\bgo on then\b|\bi'm not even surprised\b|\bwho knew\b|\b(?:should|shall) i (?:alert|call|ring|tell|phone) the (?:press|papers|newspapers|media|news)\b|\b(?:alert|call|ring) the (?:press|media|papers|newspapers)\b|\bstop the press(?:es)?\b|\b(?:should|shall) i (?:mark (?:it on )?the (?:calendar|date)|frame (?:it|this)|write (?:it|this) down)\b|\baren't you (?:just\s+)?(?:a\s+|such a\s+)?(?:real|proper|regular|little)\b|\baren't you (?:just\s+)?(?:a|such a|the)\s+(?:saint|genius|hero|comedian|charmer|gentleman|angel|catch|treat|delight)\b|\blook who(?:'s| has| is)?\s+(?:finally|decided|bothered|deigned|remembered|graced|turned up|showed up|actually)\b|\b(?:it )?must be nice\b(?=\s*(?:,|to\b|not\b|having\b|being\b|for some\b))|\b(?:right|sure|yeah|yes|oh)(?:,\s*|\s+)because\b(?=[^.!?]*\b(?:so|always|never|totally|really|worked|went|great)\b)|,\s*(?:genius|einstein|sherlock|mastermind|hero|champ|smart guy|smartypants|smarty pants|your (?:majesty|highness)|mr\.? perfect|miss perfect|romeo|casanova)\b(?=\s*(?:[.!?]|$))|\b(?:nice|good) going\b|\bsmooth move\b|\bit's (?:all |just )?what you(?:'re| are)? (?:good at|do best)\b|\bthanks?(?: you)?\s+(?:a lot\s+|so much\s+|very much\s+)?for\s+(?:ruining|wrecking|spoiling|dumping|ignoring|forgetting|embarrassing|humiliating|wasting|abandoning|standing me up|lying|making me look|leaving me (?:alone|with|to|on my own|stranded|hanging))\b|\b(?:could|can) (?:you|u) (?:be|get|look|sound) any (?:more|less)\b/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt gives your partner something they can answer.',
  },
  {
    type: 'sarcasm',
    pattern: /\bthanks?(?: you)?\s+(?:a lot\s+|so much\s+)?for\s+(?:finally|actually|deciding|bothering|remembering)\b/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt gives your partner something they can answer.',
    accept: (f) => !SINCERE.test(f),
  },
  {
    type: 'sarcasm',
    pattern: /\blike you (?:were|'d|would|ever|even|actually|really|care|could|did|do|are|have)\b/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt gives your partner something they can answer.',
    accept: (f, s) =>
      !/\b(?:feel|feels|felt|seem|seems|seemed|look|looks|looked|sound|sounds|sounded|just|much|if|not)\s+$/.test(before(f, s)),
  },
  {
    type: 'sarcasm',
    pattern:
      /\bwhat a (?:great|wonderful|fantastic|perfect|amazing|brilliant|lovely|fine) (?:husband|wife|partner|father|mother|man|woman|job|friend|person)\b/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt gives your partner something they can answer.',
    accept: (f, s, e) => /\b(?:wow|oh|yeah|turned out|you are not|you're not)\b/.test(before(f, s) + after(f, e)),
  },
  {
    type: 'sarcasm',
    pattern:
      /\b(?:lovely|brilliant|perfect|great|wonderful|fantastic|marvellous|terrific|super)(?:,\s*just \w+)?,\s+(?:now|you|you've|you're|another|again)\b/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt gives your partner something they can answer.',
    // "Brilliant, you found my keys!" is praise: only with a cue of mockery (family-rules.ts)
    accept: (f, s, e) => before(f, s).trim() === '' && mocking(f, s, e),
  },
  {
    type: 'sarcasm',
    pattern: /\bfor once\b|\bas usual\b|\bas always\b/g,
    explanation: '"For once" may land as a dig at every other time; asking for one specific thing is easier to hear.',
    accept: (f, s, e) => /\b(?:you|your|u|ur)\b/.test(before(f, s) + after(f, e)) || opensSentence(f, s),
  },
  // — commands that shut the other down —
  {
    type: 'command',
    pattern: /\bshut\s+up\b/g,
    explanation: 'Telling your partner to stop talking may shut the conversation down; asking for a pause keeps it open.',
    accept: (f, s) => !SELF_SUBJECT.test(before(f, s)),
  },
  {
    type: 'command',
    pattern:
      /\b(?:be quiet|get out|go away|leave me alone|(?:stop|quit|cut out|enough of|enough with) (?:the\s+|your\s+)?(?:talking|whining|crying|complaining|nagging|moaning|lying to me|playing the (?:victim|martyr|innocent)|acting like|pretending|making excuses|excuses|sulking|pouting|drama|dramatics|bitching|winging|whinging|sobbing|being (?:so\s+|such an?\s+)?(?:dramatic|childish|ridiculous|pathetic|stupid|difficult|a baby|a child|precious|sensitive))|don't (?:you\s+)?(?:ever\s+|even\s+|bother\s+)?(?:talk|speak|text|call|touch|look at|come|coming|calling|texting|talking|speaking|apologi[sz]ing|explaining|trying|waiting up|come crying)(?: to)?(?: me)?|don't you dare|don't you (?!think|want|remember|know|love|feel|see|agree|wish|miss|need|like|mean|get|understand|worry|ever\b|dare)\w+ (?:your|at|to) |(?:get|pack|take|grab) your (?:\w+\s+){1,2}and (?:get out|go|leave)|go cry\b|spare me|save it|back off|drop it|get lost|go to hell|give me a break|get away from me|i don't want to hear (?:it|your|another|any more)|piss off|sod off|bugger off|keep your (?:mouth shut|opinions?|comments?|thoughts|excuses|advice|nose)|shut your (?:mouth|face|trap|gob|pie hole|cakehole)|not another word|grow up|(?:just\s+)?(?:go|leave)(?=\s*[,.!]))\b/g,
    explanation:
      'This may land as an order that shuts your partner out; asking for a pause ("I need a break until after dinner") keeps the door open.',
    // a condition ("… unless it's urgent", "… while you drive") makes it a request about a situation
    accept: (f, s, e) => opensSentence(f, s) && !/\b(?:unless|until|while|if|when|before|after|during|at work)\b/.test(after(f, e)),
  },
  {
    type: 'command',
    pattern: /\benough\b(?=\s*[,!.])/g,
    explanation:
      'This may land as an order that shuts your partner out; asking for a pause ("I need a break until after dinner") keeps the door open.',
    accept: (f, s) => opensSentence(f, s),
  },
  {
    type: 'command',
    pattern: /\bget out of my (?:sight|face|house|life|way)\b/g,
    explanation:
      'This may land as an order that shuts your partner out; asking for a pause ("I need a break until after dinner") keeps the door open.',
  },
  ...FAMILY_RULES,
]);
