/**
 * Message rules by pattern family (issue #22): defensiveness, stonewalling, threats and "you" + a
 * judging verb. Each pattern is a shape ("you keep <verb> me", "if you …, I'm leaving"), not a
 * phrase, and each has a context check that leaves gentle complaints and requests alone.
 */
import { gentleFrame } from './gentle-frame.js';
import { WARM } from './lexicon.js';
import { after, before, sentenceEnd, type Rule } from './text.js';

/** Verbs that judge what the partner does to the writer (any tense: the pattern adds the endings). */
const JUDGING_VERBS = [
  'talk(?:s|ed|ing)? down to',
  'belittl(?:e|es|ed|ing)',
  'patronis(?:e|es|ed|ing)',
  'patroniz(?:e|es|ed|ing)',
  'ignor(?:e|es|ed|ing)',
  'interrupt(?:s|ed|ing)?',
  'manipulat(?:e|es|ed|ing)',
  'gaslight(?:s|ed|ing)?',
  'humiliat(?:e|es|ed|ing)',
  'mock(?:s|ed|ing)?',
  'dismiss(?:es|ed|ing)?',
  'undermin(?:e|es|ed|ing)',
  'nag(?:s|ged|ging)?',
  'bull(?:y|ies|ied|ying)',
  'control(?:s|led|ling)?',
  'smother(?:s|ed|ing)?',
  'suffocat(?:e|es|ed|ing)',
  'exhaust(?:s|ed|ing)?',
  'drain(?:s|ed|ing)?',
  'irritat(?:e|es|ed|ing)',
  'annoy(?:s|ed|ing)?',
  'criticis(?:e|es|ed|ing)',
  'criticiz(?:e|es|ed|ing)',
  'lectur(?:e|es|ed|ing)',
  'sneer(?:s|ed|ing)? at',
  'snap(?:s|ped|ping)? at',
  'guilt(?:s|ed|ing)?(?:-trip(?:s|ped|ping)?)?',
  'guilt-trip(?:s|ped|ping)?',
  'us(?:e|es|ed|ing)',
  'take(?:s)? advantage of',
  'walk(?:s|ed|ing)? all over',
  'push(?:es|ed|ing)? (?:me )?around',
  'cut(?:s|ting)? me off',
  'talk(?:s|ed|ing)? over',
  'shut(?:s|ting)? me out',
  'embarrass(?:es|ed|ing)?',
  'lie(?:s|d)? to',
  'lying to',
  'scream(?:s|ed|ing)? at',
  'shout(?:s|ed|ing)? at',
  'yell(?:s|ed|ing)? at',
  'put(?:s|ting)? me down',
  'brush(?:es|ed|ing)? me off',
  'spy(?:ing)? on',
  'spies on',
  'stonewall(?:s|ed|ing)?',
  'wind(?:s|ing)? me up',
  'do(?:es|ing)? my head in',
  'drive(?:s|ing)? me (?:mad|crazy|insane|up the wall)',
  'get(?:s|ting)? on my nerves',
  'treat(?:s|ed|ing)? me like (?:dirt|rubbish|garbage|a (?:child|doormat|maid|servant|slave|idiot|kid))',
  'bor(?:e|es|ed|ing)',
  'disrespect(?:s|ed|ing)?',
  'blam(?:e|es|ed|ing)',
];

const YOU_VERB = new RegExp(
  `\\b(?:you|u)(?:'re| are| r)?\\s+(?:(?:keep|kept|always|constantly|just|only|still|continually|literally|love to|like to|seem to|choose to|invariably|consistently|routinely|habitually|never stop|all the time)\\s+)*(?:${JUDGING_VERBS.join('|')})\\b(?:\\s+(?:me|my|us|everyone|everything|everybody|anyone|all|the kids|our))?`,
  'g',
);

/** A feeling, a request or a "when" around it makes it a gentle complaint, not a verdict. */
const GENTLE_BEFORE =
  /\b(?:when|if|whenever|feel|felt|like it|that|i'd like|i would like|please|can you|could you|would you|don't think|not saying|sorry)\b/;
const GENTLE_AFTER =
  /(?:[,;-]|\band)\s*i (?:feel|felt|was|get|got)\b|\b(?:made me feel|i'd like|i would like|can we|could we|could you|can you|would you|and i (?:feel|felt|'d|would|want|need)|it (?:hurt|stung|upset))\b|\?\s*$/;

function judging(folded: string, start: number, end: number): boolean {
  if (GENTLE_BEFORE.test(before(folded, start)) || GENTLE_AFTER.test(after(folded, end))) return false;
  // a request or a feeling in the next sentence ("… Can we try taking turns?"), no judging word
  const stop = sentenceEnd(folded, end);
  const next = stop < folded.length ? folded.slice(stop, sentenceEnd(folded, stop + 1)) : '';
  return !gentleFrame(before(folded, start) + folded.slice(start, stop) + next);
}

/** Praise, thanks or a loving word nearby: "because of you" or "bravo" said warmly. */
const WARMISH =
  /\b(?:better|well|lovely|gorgeous|finished|proud|grateful|adore[ds]?|amazing|happy|thank(?:s| you)|star|sweet|kind(?:ly)?|smile|laugh|love|passed|fixed|found|got the)\b/;

function sentenceOf(folded: string, start: number, end: number): string {
  return before(folded, start) + folded.slice(start, end) + after(folded, end);
}

export function warm(folded: string, start: number, end: number): boolean {
  const sentence = sentenceOf(folded, start, end);
  return WARM.test(sentence) || WARMISH.test(sentence);
}

/** What makes praise read as mockery: "again", "for once", "as usual", an eye-roll, a bare fragment. */
const MOCKING_CUE =
  /\b(?:again|alone|by myself|on my own|i exist|for once|finally|another|as (?:usual|always|ever)|eventually|after the fact|ruin\w*|wast\w+|forg[eo]t\w*|late|nothing|never|strikes again|everyone|right here|said no one|busy)\b|\uD83D\uDE44|^\s*oh\b/;

/** The rest of the sentence mocks ("… only three days late", "… for once") and praises nothing. */
export function mockingAfter(folded: string, end: number): boolean {
  const rest = after(folded, end);
  return MOCKING_CUE.test(rest) && !WARMISH.test(rest);
}

export function mocking(folded: string, start: number, end: number): boolean {
  const sentence = sentenceOf(folded, start, end);
  // the praise being mocked ("so kind of you to …") is not warmth; praise around it is
  if (WARMISH.test(before(folded, start) + ' ' + after(folded, end) + folded.slice(end, end + 80).replace(/[^.!?]*/, ''))) return false;
  // "Partner of the decade." on its own is mockery; followed by anything, it needs a cue
  return MOCKING_CUE.test(sentence) || /^[\s.!]*$/.test(after(folded, end));
}

/** A time to come back, or a need for rest, after it: a pause, not a closed door. */
const PAUSE =
  /\b(?:until|tomorrow|tonight|later|after|in (?:an|a|\d+)|back in|for now|for today|minutes|hour|at \w+|see you|soon|find you|come back|tired|sleep|rest)\b/;

/** The whole message (or its first sentence) is only this: a closed door, not a pause. */
function aloneOrFirst(folded: string, start: number): boolean {
  return /^[\s"'(-]*$/.test(before(folded, start));
}

export const FAMILY_RULES: readonly Rule[] = [
  {
    type: 'criticism',
    pattern: YOU_VERB,
    explanation: 'Said as what your partner does to you, this may land as a verdict; one moment, and how it felt, is easier to hear.',
    accept: judging,
  },
  {
    type: 'defensive',
    pattern:
      /\b(?:(?:it|this|that)(?:'s| is) not|(?:it|this|that) isn't|is not|not) my (?:fault|problem)\b|\b(?:i'm|i am) not (?:going to|gonna) apologi[sz]e\b|\bhow dare you\b|\bfunny how it's never\b|\byou have no right to\b|\bwhat did i do (?:now|this time|wrong)\b|\bnot that you(?:'d| would| ever)? (?:notice|care|see)\b|\bexcuse me for (?:having|being|breathing|existing|wanting)\b|\bsick of defending myself\b|\b(?:so|oh so|oh)\s+(?:now\s+)?(?:it's|this is|i'm)\s+(?:my fault|the bad (?:guy|one)|the villain|to blame)\b|\bwhat about (?:you|all the times you|when you)\b|\byou do (?:it|that|this|the same|exactly the same)\b[^.!?]{0,30}\b(?:too|as well|all the time|and i)\b|\b(?:don't|stop|quit) (?:blam(?:e|ing)|put(?:ting)? (?:this|it|that) on|mak(?:e|ing) me (?:the|out))\b|\b(?:mak(?:e|es|ing)|turn(?:s|ing)?)\s+(?:such\s+)?(?:a\s+)?(?:big|huge|massive|mountain|drama|fuss|song and dance|scene)\b|\b(?:blow(?:ing|n)?|making)\s+(?:this|it|things|everything)\s+(?:way\s+)?out of proportion\b|\b(?:you(?:'re| are)?|stop) (?:always |just |so |totally |completely )?over ?react(?:ing|ed|s)?\b|\b(?:too|so) (?:sensitive|touchy|dramatic)\b|\bcan't take (?:a|any) joke\b|\b(?:calm|chill) (?:down|out)\b|\bthat's rich\b|\bhow is (?:this|that|it) (?:suddenly\s+)?(?:about me|my (?:fault|problem))\b|\bi (?:did|have done) nothing wrong\b|\bi didn't do anything\b(?!\s+(?:to (?:help|stop)))|\b(?:i'm|i am) not the (?:problem|one (?:who|with|that))\b|\btwist(?:ing|s|ed)? (?:my|everything i|what i)\b|\bnot (?:that|this) deep\b|\bit was (?:just |only |obviously )?a joke\b|\bthat never happened\b|\byou're imagining (?:it|things)\b|\bnot my problem\b|\bwhy (?:is it )?(?:always|only) me\b|\byou're exaggerating\b|\bi did my (?:part|bit|share)\b|\bnot that serious\b|\b(?:so|ok so|okay so) (?:it's|its) my fault\b|\bi hardly think\b|\bi reject the (?:suggestion|idea|claim)\b|\byou're one to talk\b|\blook who's talking\b|\blike you've never\b|\bi'm not taking the blame\b|\byour own fault\b|\bwhy is it (?:always )?my fault\b|\bdon't make this about me\b|\byou started it\b|\bdon't come the innocent\b/g,
    explanation:
      'This may land as defending yourself or turning it back on your partner; hearing their part first usually helps yours be heard.',
    accept: (f, s) => {
      const head = before(f, s);
      // "calm down" said to the partner, not "I need twenty minutes to calm down" or "let's calm down"
      if (/^(?:calm|chill)/.test(f.slice(s)))
        return /^[\s"'(-]*(?:(?:omg|oh|just|god|ok|okay|please|you need to|seriously)[\s,]*)*$/.test(head);
      // quoting the partner ("you said I always overreact") is not defending oneself
      return !/\b(?:i (?:know|think) |maybe |if )$|\bi'm sorry\b|\b(?:got|get|was|being) defensive\b|\b(?:you|he|she|they) (?:said|told me|called me|say|says)\b/.test(
        head,
      );
    },
  },
  {
    type: 'stonewalling',
    pattern:
      /\b(?:fine|whatever|k|kk|ok(?:ay)?\.?\s*bye|bye|done|forget it|suit yourself|not interested|talk to the hand|end of (?:discussion|story)|conversation over)\b(?=[\s.!]*$)|\bdo (?:whatever|what) you (?:want|like|please)\b(?![^.!?]*\b(?:for|with|about|i trust|happy|fine with)\b)|\b(?:i'm|i am|we're|we are)\s+(?:so\s+)?(?:done|finished|through)(?:\s+(?:with (?:you|this|us|it|talking|this conversation)|here|talking|explaining))?(?=\s*[.!,;-]|\s*$)|\b(?:i'm|i am|i'm just)\s+not\s+(?:talking|discussing|doing|having)\s+(?:about\s+)?(?:this|that|it)\b|\bi(?:'ve| have)?\s+(?:got\s+)?nothing\s+(?:more\s+|further\s+|else\s+)?to\s+(?:say|discuss)\b|\b(?:this|the) (?:conversation|discussion) is over\b|\bi don't care any ?more\b|\bi(?:'m| am) not listening\b|\bdon't (?:bother|even start)\b|\bi (?:do not|don't) (?:want to|wish to) (?:talk|speak|continue|discuss|hear)\b|\bcan't be (?:bothered|arsed)\b|\bi(?:'m| am) out(?=\s*[.!,]|\s*$)/g,
    explanation:
      'This may land as closing the door; if you need a pause, saying when you will come back keeps your partner from feeling shut out.',
    accept: (f, s, e) => {
      const m = f.slice(s, e);
      if (/^(?:fine|whatever|k|kk|bye|done|forget it|suit yourself|not interested|conversation over)/.test(m)) return aloneOrFirst(f, s);
      if (/^i'm done$/.test(m) && /^[\s.!]*(?:i'm|i am) (?:so )?(?:tired|exhausted|going to (?:bed|sleep))/.test(f.slice(e, e + 60)))
        return false;
      return !PAUSE.test(f.slice(e, e + 120));
    },
  },
  {
    type: 'contempt',
    pattern:
      /\bat least i (?:have|know|don't|didn't|can|care|tell|told|am|'m|would|never)\b|\bunlike you,? i\b|\bi(?:'d| would) never (?:treat|do|stoop|be so|speak|talk|lie|cheat)\b|\b(?:you|u) (?:really |seriously |honestly )?need (?:help|therapy|a shrink|to see a (?:shrink|doctor|therapist)|professional help|a doctor|your head (?:checked|examined))\b|\bget (?:some )?(?:help|therapy|your head (?:checked|examined))\b|\b(?:not|n't) (?:even )?worth (?:my|the|it|a)\b(?=[^.!?]*\b(?:you|u|argument|time|breath)\b)|\bdeserve (?:so much |far |much )?better than (?:you|this)\b|\bwast(?:ing|ed) (?:my|ten|\w+) (?:life|time|years|breath)\b[^.!?]{0,20}\bon (?:you|u)\b|\bi pity you\b|\b(?:sad|pathetic|miserable|spineless|little) little (?:man|woman|boy|girl|person|worm)\b|\bsad little\b|\bmake(?:s)? my skin crawl\b|\bbeneath (?:me|contempt|you)\b|\bhow are you (?:even |actually )?an? (?:adult|grown|parent)\b|\b(?:more sense|smarter|more brains|more backbone|better manners) than (?:you|u)\b|\beven (?:the dog|a child|a toddler|my mother|a teenager)\b[^.!?]{0,30}\bbetter than (?:you|u)\b|\b(?:ugh|ew|eww|gross)\b(?=[\s.!,]*(?:$|just|don't|you|ur))|\b(?:so|too|how) (?:stupid|dumb|clueless|needy|pathetic|delusional) (?:you are|you sound|you look)\b|\byou(?:'re| are| sound| look)\s+(?:\w+\s+)?(?:delusional|laughable|a joke|pathetic|ridiculous|embarrassing|an embarrassment)\b|\b(?:i'm|i am) (?:so )?(?:ashamed|embarrassed) (?:i|to have) (?:married|chose|ended up with)\b|\bsettled for you\b|\bi (?:expected|expect) nothing (?:more |less |else )?(?:from|of) you\b|\bmy (?:last|ex|previous) \w+ would never\b|\bimagine being (?:this|so)\b|\bso (?:that )?even you (?:can |could )?(?:understand|get it|follow)\b|\ball by yourself\b|\bastonished that anyone could be so\b|\bjust looking at you\b|\bi've lost all respect for you\b|\ba shadow of a\b|\byou'll never amount to\b|\bas useless as you\b|\bis that (?:really )?the best you can do\b|\byou call that an?\b|\bcontempt for you\b|\beven your (?:mother|mum|mom|father|dad|friends|family) can't stand you\b|\bwaste of a life\b|\bok loser\b|\bnobody respects? you\b/g,
    explanation: 'This may land as contempt, which tends to hurt the most and make it hardest to feel safe with each other.',
    accept: (f, s, e) =>
      !/\b(?:don't think|not saying|never said)\b|\b(?:if|when|whenever|in case)\s+(?:\w+\s+)?$/.test(before(f, s)) &&
      !/^\s+with\b/.test(after(f, e)),
  },
  {
    type: 'blame',
    pattern:
      /\b(?:i'm|i am|we're|we are|i feel|i can't|i cannot|my \w+ (?:is|are|has|have))\b[^.!?]{0,40}\b(?:because of|thanks to) (?:you|u)\b|\b(?:that's|it's|its|this is|all|it was) (?:all )?down to (?:you|u)\b|\b(?:you're|you are|ur) (?:the reason|why) (?:i|we|everything|my|our)\b|\bif it (?:wasn't|weren't|was not|were not) for (?:you|u)\b|\bsince (?:i met you|you came along|you (?:walked|came) into my life)\b|\byou(?:'ve| have)? (?:caused|poisoned|turned|wrecked|destroyed) (?:every|all|my|our|the whole|me into|everyone|everything)\b|\b(?:look|see) (?:at )?what you(?:'ve| have)? (?:done|turned)\b|\beverything went wrong (?:when|since|after) you\b|\b(?:your|you and your) (?:conduct|behaviou?r|choices|lies|actions)\b[^.!?]{0,30}\b(?:brought|got|put|led) (?:us|me)\b|\b(?:it's|it is|all) thanks to (?:you|u) that\b|\blook where it (?:got|left) me\b|\btook the best years of my life\b/g,
    explanation: 'This may land as blame, which usually makes people defend themselves rather than listen.',
    accept: (f, s, e) => !warm(f, s, e),
  },
  {
    type: 'sarcasm',
    pattern:
      /\bof the (?:year|decade|century)\b|\b(?:what|such) a (?:gentleman|hero|saint|catch|star|charmer|legend|lady|prince|princess),/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt is easier to hear.',
    accept: mocking,
  },
  {
    type: 'sarcasm',
    pattern:
      /\bi'm sure (?:you|u) (?:were|are|had|have)\b|\b(?:very|so|how very|how|terribly) (?:thoughtful|considerate|kind|generous|good|decent|sweet) of (?:you|u)\b(?=[^.!?]*\b(?:finally|eventually|after|to (?:inform|tell|let|bother|show|spare|remember|join)))|\bthanks a bunch\b|\bcheers for that\b|\blet me guess\b|\b(?:that|this) went well,? didn't it\b|\blove that for me\b|\b(?:so |terribly |very )?sorry for (?:existing|breathing|being alive|having (?:an opinion|feelings|needs))\b|\bbravo\b|\bclearly (?:you're|you are) the (?:\w+est|most)\b|\b(?:impressive|amazing|fantastic|brilliant|wonderful|perfect|lovely|great|marvellous|marvelous)[,.!]+\s*(?:you|another|just|again)\b|\bwhat would i do without you\b(?=[^.!?]*\bhonestly\b)|\bhow lucky i am\b(?=[\s.!]*$)/g,
    explanation: 'Sarcasm may land as mockery; saying plainly what hurt is easier to hear.',
    accept: mocking,
  },
  {
    type: 'command',
    pattern:
      /\b(?:shut it|buzz off|pack it in|give it a rest|wind your neck in|close your mouth|shut your (?:gob|trap|face)|stfu|zip it|pipe down|get lost|go out from|stop looking at me|sod off|bugger off|naff off|jog on|get out of my (?:house|home|flat))\b/g,
    explanation:
      'This may land as an order that shuts your partner out; asking for a pause ("I need a break until after dinner") keeps the door open.',
    // "… the back door was open, I shut it": a report, not an order
    accept: (f, s) => !/\b(?:i|we|he|she|they|you|to)\s+$/.test(before(f, s)),
  },
  {
    type: 'stonewalling',
    pattern:
      /\bthink what(?:ever)? you (?:like|want)\b|\bforget i (?:said|asked|mentioned) (?:anything|it)\b|\bi'm out of here\b|\bwhatever you say\b|\btalk to someone who cares\b|\b(?:don't|dont|do not) care\b(?=[\s.!]*$)|\bidc\b|\bcba\b|\bi consider this (?:matter|conversation|discussion) closed\b|\bnot now,? not ever\b|\bi'm not answering that\b/g,
    explanation:
      'This may land as closing the door; if you need a pause, saying when you will come back keeps your partner from feeling shut out.',
    accept: (f, _s, e) => !PAUSE.test(f.slice(e, e + 120)),
  },
  {
    type: 'absolute',
    pattern:
      /\b(?:it's|its|it is) always (?:what you|about what you|my job|me who|me that|your way)\b|\byour (?:needs|work|job|friends|phone|family|feelings|mother|mum) always (?:win|wins|come|comes)\b|\bno matter what i (?:do|say|try)\b|\bthere's never (?:a|any) (?:good time|right time|time)\b[^.!?]*\bwith you\b|\b(?:every|whatever|anything) (?:plan|idea|thing|time)? ?(?:we|i) (?:make|suggest|say|do|try|plan)\b[^.!?]{0,20},\s*you\b|\byou find (?:fault|a problem|something wrong) (?:in|with) everything\b/g,
    explanation: '"Always" and "never" about your partner may land as a verdict on who they are; one specific moment is easier to hear.',
    // "every time I'm stressed, you make me tea. Thank you."
    accept: (f, s, e) => !/\bthank/.test(f.slice(s, e + 120)),
  },
  {
    type: 'threat',
    pattern:
      /\b(?:if|once more|one more|next time|do (?:it|that|this) again|try (?:it|that|me)|keep (?:this|it|going|that) up|carry on)\b[^.!?]{0,80}?\b(?:i'm (?:leaving|gone|out|done|off|changing the locks|calling (?:the police|a lawyer|your)|telling (?:everyone|your))|i(?:'ll| will| shall) (?:leave(?! it)|go\b(?! to)|take (?:the kids (?:and go|away|from you|with me)|everything)|tell (?:everyone|your (?:boss|family|mother|mum|friends))|call (?:the police|a lawyer|your)|ruin|make your|throw|empty|be (?:gone|contacting|speaking to a|filing))|we're (?:done|over|finished|through)|we are (?:done|over|finished)|you're (?:done|out|finished)|don't (?:come back|expect me)|never (?:see|come back)|see what happens|you'll (?:regret|be sorry|pay|never))\b|\b(?:you'll|you will|you're going to|ur gonna|you are going to)\s+(?:regret|pay for|be sorry)\b|\b(?:i'm|i am) warning you\b|\byou(?:'ve| have) been warned\b|\bdon't (?:test|push) me\b|\btry me\b|\bwatch (?:yourself|your back|it)\b(?=[\s.!]*$)|\bor me\b(?=[\s.!?,]*(?:$|choose|pick))|\bme or (?:\w+|your \w+)\b(?=[\s.!?,]*(?:$|choose|pick))|\beither (?:\w+|your \w+) goes or i\b|\bi(?:'ll| will) (?:ruin you|take the kids(?! (?:out|to|for|swimming|shopping))|take everything|make your life)\b|\bi swear i(?:'ll| will) (?:leave|tell|ruin|take)\b|\bor i(?:'m| am| will|'ll) (?:leaving|gone|changing the locks|filing|done|out)\b|\b(?:keep going|do it again|do that again|say that again|break this promise|any further \w+(?: with \w+)?|if this continues)\b[^.!?]{0,60}\b(?:and (?:see|i'm|we're|you'll|you're)|i (?:shall|will) (?:have no choice|be speaking|end)|i'm done)\b|\bi'll make sure everyone knows\b|\bsee how far you get\b|\bdon't make me do something\b|\bprepared to take the (?:children|kids)\b/g,
    explanation:
      'This may land as a threat, and fear makes it very hard to talk. If there is a line, saying what you need and what you will do for yourself is easier to hear.',
  },
];
