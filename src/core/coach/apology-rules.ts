/**
 * Rules for apologies: which parts of a full apology are present, and which phrases turn an
 * apology into a non-apology. Responsibility and an offer of repair matter most
 * (Lewicki, Polin & Lount, 2016), so the builder's guidance leads with them (see guidance.ts).
 */
import type { ApologyComponent } from '../apology-components.js';
import { after, before, ruleSet, type Rule } from './text.js';

/** Types of non-apology findings; any one of them makes `nonApology` true. */
export const NON_APOLOGY_TYPES = [
  'conditional',
  'sorry-you-feel',
  'justification',
  'passive',
  'blame-shifting',
  'minimising',
  'demanding',
  // the trained model's finding (analyse.ts)
  'deflecting',
] as const;

/** "… if I hurt you" or "… but only because" — the part after it does not count as a component. */
const HEDGED =
  /\b(?:if|unless|not like|at least|but only because|only because|whatever|you (?:feel|felt|think|thought|believe|say|said|claim)|seem(?:s|ed)? like|as if|you (?:kept|made me|drove me|pushed me|forced me|provoked me|left me))\b[^.!?]*$/;
const NEGATED = /\b(?:not|n't|never|didn't mean to|did not mean to|didn't want to|did not want to)\s+(?:want to\s+|mean to\s+|to\s+)?$/;

export function plain(folded: string, start: number): boolean {
  const head = before(folded, start);
  return !HEDGED.test(head) && !NEGATED.test(head);
}

export interface ComponentRule {
  component: ApologyComponent;
  pattern: RegExp;
  accept?: (folded: string, start: number) => boolean;
}

const WRONGS =
  'lied|cheated|broke|betrayed|deceived|hid|hurt|kept|read|went behind|was unfaithful|was wrong|forgot|yelled|shouted|stole|took|chose|snooped|spent|lost|ignored|left|humiliated|misled|disrespected|shattered|crossed|abandoned|insulted|embarrassed|let you down|used|violated|did this|did that|did lie|did cheat|' +
  // more of the same: harsh words and acts, and what they did to the partner
  'snapped|screamed|swore|lashed out|belittled|mocked|dismissed|gaslit|gaslighted|manipulated|flirted|slept with|kissed|texted|shut you out|walked out|hung up|ghosted|neglected|blamed|accused|threatened|criticised|criticized|pushed|made you|put you|broke my promise|broke our|ruined|wasted|gambled|drank|lost my temper|raised my voice|went through|checked your|lied to you|treated you';

/** States and omissions owned in the first person: "I've been distant", "I wasn't there". */
const OWNED_STATES =
  "i(?:'ve| have)? (?:been|was) (?:so\\s+|really\\s+|very\\s+|completely\\s+)?(?:distant|cold|selfish|dishonest|unkind|cruel|dismissive|defensive|absent|secretive|careless|thoughtless|harsh|controlling|jealous|a coward|cowardly|hiding|lying|unfair|disrespectful|hurtful)\\b|i (?:wasn't|wasnt|was not) (?:there|honest|truthful|faithful|fair|kind|listening|present|open)\\b|(?:how|the way) i (?:treated|spoke to|talked to|behaved|acted|reacted|handled|dealt with|spoke|talked)\\b|(?:that|it|this) (?:was|wasn't|wasnt|was not) (?:so\\s+|really\\s+)?(?:wrong|cruel|unkind|unfair|fair|selfish|thoughtless|careless|cowardly|mean|horrible|awful|disrespectful|dishonest|out of order) (?:of me|on you|to you|on u|to u)\\b";

const ONE_OFF =
  /\b(?:tonight|today|tomorrow|this (?:weekend|evening|afternoon|morning|week)|at the weekend|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|until it)\b/;

const COMPONENT_RULES: readonly ComponentRule[] = [
  {
    component: 'regret',
    pattern:
      /\b(?:sorry|sry|soz|apologi[sz](?:e|es|ed|ing)|apology|apologies|regret|regrets|remorse|feel (?:terrible|awful|so bad|bad|sick|ashamed)|i'm ashamed|i am ashamed|wish i (?:had(?:n't| not)|could take))\b/g,
  },
  {
    component: 'responsibility',
    pattern: new RegExp(
      `\\b(?:it was (?:all\\s+)?my (?:fault|choice|doing|decision)|(?:that|it|this)(?:'s| is| was) on me|(?:thats|its) on me|my (?:fault|responsibility|choice)\\b|i take (?:full\\s+|complete\\s+)?responsibility|i own (?:it|that|this|what i did)|i was wrong|(?:that|it) was wrong (?:of me)?|wrong of me|there(?:'s| is) no excuse|i have no excuse|i(?:'m| am) not going to make excuses|i won't make excuses|i shouldn't have|i should not have|i shouldnt have|i should have (?:told|been|said|asked|come)|(?:what|the things|the lies|everything) i (?:did|told|said|hid|put you through)|i (?:have |'ve )?(?:${WRONGS})\\b|(?:regret|sorry for|apologi[sz]e for) (?!(?:every|no|some|any)thing)(?:\\w+ing\\b|my\\b)|i did this\\b(?! (?:time|week|morning|year))|${OWNED_STATES})`,
      'g',
    ),
    accept: plain,
  },
  {
    component: 'impact',
    pattern:
      /\b(?:(?:made|make|left|forced) you (?:to\s+)?(?:feel|doubt|question|afraid|scared|lonely|alone|feeling|carry|deal|handle|face|cope|wonder|worry|cry|hide|pay|wait|explain|second-guess|on your own|by yourself)|(?:must|might) (?:have\s+)?(?:been|felt|be|feel)\b[^.!?]{0,30}?\bfor you\b|you must (?:have\s+)?(?:feel|felt|be|been)\b|i can (?:only\s+)?imagine how|you(?:'re| are) (?:so\s+|still\s+)?(?:exhausted|hurting|heartbroken|devastated|struggling|in pain|worn out)\b|(?:you|u) (?:felt|must have felt|must feel|were (?:so\s+)?(?:alone|scared|humiliated|hurt|worried|afraid)|waited up|couldn't trust|can't trust|lost sleep|cried)|(?:did|done) (?:that|this) to (?:you|u)\b|(?:i|it|this|that|what i did) (?:has |have |'ve |really |deeply )?hurt you|hurt you\b|how (?:much|deeply|badly) (?:i\s+|this\s+|it\s+)?(?:hurt|pain|stress|damage)|(?:pain|stress|hurt|damage|harm|worry|shame|doubt) (?:i|it|this|that) (?:caused|has caused|brought)|\bi (?:\w+ )?(?:embarrassed|humiliated|scared|frightened|terrified|upset|worried|shamed) (?:you|u)\b|caused you|broke your (?:heart|trust|sense)|shattered your|your sense of (?:safety|security|trust)|(?:because|cost you) of me|what (?:it|this) (?:did|has done|did) to you)/g,
    // "sorry you felt …" is about their feelings; "sorry I hurt you" names what the act did
    accept: (f, s) => plain(f, s) && !(/^(?:you|u)\b/.test(f.slice(s)) && /\b(?:sorry|regret)(?: that)?\s+$/.test(before(f, s))),
  },
  // — by structure (issue #22): who did what, and what it did to the other —
  {
    // any first-person act in the past ("I missed the scan", "I cancelled"), not a thought or a wish
    component: 'responsibility',
    pattern:
      /\bi (?:just |really |also |then |completely |deliberately |knowingly |still )?(?!(?:suffered|felt|thought|wanted|needed|hoped|wished|reali[sz]ed|noticed|learned|guessed|supposed|believed|assumed|loved|liked|tried|asked|decided|worried|meant|expected|seemed|prayed|agreed|promised|started|appreciated|apologi[sz]ed|called|texted you back|mentioned|explained|wondered|imagined|pictured|cared|missed you|used to)\b)[a-z]{3,}ed\b|\bi (?:failed to|let (?:you|u|it|things)|took|told|went|stole|threw|sold|bought|drove|ran up|sent|gave away|spent|hid|kept|left|broke|made (?:fun|a joke|that|those|jokes|a scene|you)|said (?:those|that|what|such|cruel|horrible|awful))\b|\bi was the one (?:who|that)\b|\bnobody else's\b|\bmy (?:mistake|decision|doing)\b/g,
    accept: plain,
  },
  {
    // what the partner went through, told with "you" as the subject, in an apology that owns an act
    component: 'impact',
    pattern:
      /(?:^|[.,;!?:-]\s*|\b(?:and|so|while|until|then)\s+)(?:you|u)(?:'ve|'d| have| had)?\s+(?:(?:just|still|already|even)\s+)?(?:had to|were (?:left|obliged|forced|alone|on your own|stuck|waiting)|was (?:left|alone)|sat|went (?:quiet|silent|home|to bed)|spent(?! (?:hours|ages|days|weeks|months|so long|all (?:day|week|weekend|evening)) (?:on (?:it|that|this|them)|planning|making|getting|sorting|organi[sz]ing|cooking|choosing)\b)|watched|waited|ate|found out|lay|lost|cried|stood|faced|ended up|carried|worked(?! (?:so hard|hard|for (?:it|that|this|them|years|months|weeks)|on (?:it|that|this))\b)(?![^.!?]{0,25}\bfor (?:it|that|this|the|them)\b)|booked|planned|haven't|hadn't|couldn't|can't|been (?:left|carrying|living|lying|dealing|wondering|waiting|up|on edge|alone|crying|holding))\b|\b(?:you|u)(?:'ve| have)? had to\b|\b(?:you|u) (?:haven't|have not|hadn't|couldn't|can't|cannot|didn't) (?:slept|sleep|eaten|eat|stopped|been able|trust|believe|breathe|relax|focus)\b|\b(?:it|that|this|which)(?:'s| has| had)? (?:left|shook|scared|frightened|cost|put|kept|forced|humiliated|embarrassed|shamed|isolated|exhausted) (?:you|u)\b/g,
    accept: (f, s) =>
      plain(f, s) &&
      /\b(?:i|my)\b/.test(f.slice(0, s)) &&
      !/\b(?:sorry|regret|if|when|can|could|will|would)(?: that)?\s*$/.test(before(f, s)) &&
      // round 17: a plan the partner had made before the wrong ("You'd booked it weeks ago") is theirs, not impact
      !/^[^a-z]*(?:you|u)(?:'d| had)\s+(?:(?:just|already|even)\s+)?(?:booked|planned)\b/.test(f.slice(s, s + 40)),
  },
  {
    component: 'change',
    pattern:
      /\b(?:from now on|going forward|from today|in (?:the )?future|next (?:time|year|month|week)|never again|i promise|i won't|i will not|i'm going to|i am going to|i've ended|i have ended|i've stopped|i have stopped|i've started|i have started|i've blocked|i'm seeing (?:a|someone)|i've booked|i(?:'ve| have) (?:already\s+)?(?:cut|given|deleted|closed|cancelled|canceled|moved|joined|signed up|quit|changed|set up|made an appointment|found a|handed)\b|i(?:'m| am) (?:booking|starting|getting help|joining|stopping|cutting|deleting|changing|quitting|giving up|handing|setting up|taking the|going to counselling|seeing a)\b|\bill (?:be|make sure|stop|start|call|text|tell|never)\b|(?:i will|i'll) (?!(?:say (?:it|sorry)|do whatever|do anything|make (?:it|this|things) (?:up|right)|try to make|always (?:love|be (?:here|there|on your side))|give you (?:space|time|all the time)|understand|be (?:here|there|home|at home|around|waiting)|wait|replace|reimburse|refund|repay|pay|cover|buy|get (?:you|it|them)|fix|order|redo|apologi|put (?:it|this|that|things) right|set (?:it|this|that|things))\b)\w+)/g,
    accept: (f, s) =>
      plain(f, s) &&
      !/\b(?:let's|let us|can we|and)\s+$/.test(before(f, s)) &&
      // "I'll talk to them tonight", "I'll get you a new one at the weekend": one act, not a change
      !(
        /^i(?:'ll| will) /.test(f.slice(s)) &&
        ONE_OFF.test(after(f, s)) &&
        !/\b(?:every|always|never|again|from now|next time|whenever|each|any more|anymore)\b/.test(after(f, s))
      ),
  },
  {
    component: 'repair',
    pattern:
      /\b(?:make (?:it|this|things) (?:up to (?:you|u)|right)|make amends|make up for|what can i do|how can i (?:make|help|show|fix|repair|start)|is there anything i can do|anything i can do|(?:anything|something|whatever)(?: else)?(?: that)? (?:would|could|might) help|tell me what (?:would help|helps|i can do|you need)|what (?:would help|you need from me)|whatever (?:you need|helps|it takes|i can)|pay (?:you\s+)?back|repair(?:ing)?\b|help you (?:heal|feel)|earn (?:back\s+)?your trust|rebuild (?:your|the|our) trust|i'll do anything|i will do anything|(?:something|anything) i (?:can|could) do|(?:how )?can i (?:support|help)\b|i'll keep (?:looking|searching|trying to (?:find|fix))|whatever it takes|put (?:it|this|that|things) right|set (?:it|this|that|things) (?:right|straight)|(?:i'll|i will|ill|let me|i'm going to|i am going to|i'd like to|i want to)\s+(?:\w+\s+)?(?:replace|reimburse|refund|repay|pay (?:for|it|you|the)|cover (?:the|your|it)|buy you|get (?:you )?(?:a new|another)|get (?:it|them) (?:fixed|repaired|cleaned)|fix (?:it|the|your)|order you|redo|apologi[sz]e to|take you (?:out|for|to))\b)/g,
  },
  {
    component: 'forgiveness',
    pattern:
      /\b(?:(?:hope|wish|pray)(?: that)?(?: one day| someday| in time| eventually)? you(?:'ll|'d)? (?:can |could |will |might |may |would )?(?:one day |someday |in time |eventually )?(?:be able to |find (?:a way|it in (?:you|your heart)) to )?forgive|(?:will|would|could|can) (?:you|u) (?:ever\s+|one day\s+|please\s+)?(?:be able to\s+|find (?:a way|it in your heart) to\s+)?forgive|(?:please|pls|plz) forgive me|forgive me,? please|if you (?:could|can|are ever able to|ever feel able to) forgive|your forgiveness|ask(?:ing)? (?:for )?(?:you )?(?:for )?(?:your )?forgiveness|if you are ever able|when(?:ever)? you(?:'re| are) ready to forgive|(?:if|hope|when) (?:\w+ ){0,3}you (?:\w+ ){0,5}forgive\b)/g,
  },
];

/** `extra`: the component rules that come with the model (model-rules.ts). */
export function detectComponents(folded: string, extra: readonly ComponentRule[] = []): Record<ApologyComponent, boolean> {
  const found: Record<ApologyComponent, boolean> = {
    regret: false,
    responsibility: false,
    impact: false,
    change: false,
    repair: false,
    forgiveness: false,
  };
  for (const rule of extra.length > 0 ? [...COMPONENT_RULES, ...extra] : COMPONENT_RULES) {
    if (found[rule.component]) continue;
    const re = rule.pattern;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded)) !== null) {
      if (!rule.accept || rule.accept(folded, m.index)) {
        found[rule.component] = true;
        break;
      }
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return found;
}

export const NON_APOLOGY_RULES: readonly Rule[] = ruleSet([
  {
    type: 'conditional',
    pattern:
      /\b(?:sorry|apologi[sz]e|apologies)\s+if\b|\b(?:sorry|apologi[sz]e|apologies) (?:for )?(?:any|whatever)\b|\bwhatever i did\b|\bsorry,?\s+i (?:guess|suppose)\b|\bsorry or whatever\b|\bto the extent that\b|\bif (?:i|my|anything|that|what i|something i)\b[^.!?]{0,60}?\b(?:i(?:'m| am) sorry|i apologi[sz]e|sorry)\b/g,
    explanation: '"Sorry if" makes the hurt sound uncertain; naming what you did shows you know it happened.',
  },
  {
    type: 'sorry-you-feel',
    pattern:
      /\b(?:sorry|regret) (?:that )?you(?:'re|'ve| are| were| feel| felt| got| took| see| saw| found| think| thought| have been| had| can't| cannot| couldn't| won't| don't| didn't| can| need| seem| heard| read| misunderstood| took it| chose)\b/g,
    explanation:
      "This puts the focus on your partner's feelings rather than on what you did, and may sound like it is their reaction that is the problem.",
    // "sorry you've been carrying this because of me" owns it
    accept: (f, _s, e) => !/\bbecause of (?:me|what i did|my)\b/.test(after(f, e)),
  },
  {
    type: 'justification',
    pattern:
      /\b(?:sorry|apologi[sz]e[ds]?|regret(?: it)?|i shouldn't have|i should not have|i know i|i admit|my bad|i messed up)\b[^.!?]{0,240}?,?\s+but\b(?!\s*(?:(?:that|it|this|none of (?:that|this)|nothing)\b[^.!?]{0,25}\b(?:no excuse|not an excuse|doesn't excuse|does not excuse|doesn't change|does not change|isn't an excuse)|i know|i (?:take|own|want|will|'ll|am going|'m going)|(?:not|never) because))|\bbut (?:only )?because\b|\bthat's (?:why|the only reason) (?:it|i|this)\b|\bi(?:'d| had) (?:had\s+)?(?:a few|too many|some|a couple of|one too many)\s+drinks\b|\bwasn't thinking (?:straight|clearly)\b|\b(?:didn't|did not|never) (?:do|mean) (?:it|that|this) (?:on purpose|deliberately|intentionally)\b|\bit's not like i\b|\bbut i had my reasons\b|\bi had my reasons\b|\byou have to understand\b|\bit's not like you(?:'re| are| were)\b/g,
    explanation: 'A "but" after sorry can cancel the apology; the reasons can wait for another conversation.',
    // "Not because I got caught, but because you deserved the truth" owns it rather than excusing it
    accept: (f, s) => !(f.startsWith('but', s) && /\bnot (?:just |only )?because\b/.test(before(f, s))),
  },
  {
    type: 'passive',
    pattern:
      /\b(?:mistakes|errors|things|some things|words|feelings|it|lies|lines|promises|boundaries|trust|money|the money|decisions|choices|vows)\s+(?:were|was|got|have been|had been|has been)\s+(?:made|said|done|hurt|broken|crossed|spent|taken|lost|missed|forgotten|damaged|mishandled|overlooked|betrayed)\b|\b(?:mistakes|things)\s+happened\b|\bthings got out of hand\b|\bthings (?:ended up|turned out|went|got) (?:this way|that way|like this|like that|badly|wrong|messy|complicated|out of hand)\b|\beverything that happened\b|\bwhat happened happened\b|\bit just happened\b|\b(?:any|the) (?:hurt|pain|offen[cs]e|upset|confusion|misunderstanding|harm|distress) (?:caused|done|this caused)\b/g,
    explanation: 'Passive wording leaves out who did it; "I did …" shows you take it on.',
  },
  {
    type: 'blame-shifting',
    pattern:
      /\byou (?:kept|made me|drove me|pushed me|forced me|provoked me|started it|left me no choice|gave me no choice)\b|\bif you (?:had(?:n't| not)|hadn't|were(?:n't| not)|would(?:n't| not)|had just|had only|didn't)\b|\bbecause you (?:were|kept|didn't|never|always|wouldn't)\b|\byou were (?:overreacting|ignoring|yelling|shouting|so distant|distant|never there|always)\b|\byou(?:'re| are) not (?:perfect|innocent|blameless)\b|\bit takes two\b|\bnot the only one (?:who|that)\b|\byou(?:'d| would) have done the same\b|\banyone would have\b|\bi was (?:drunk|high|wasted)\b|\bif you(?:'d| had)\s+(?!(?:like|prefer|rather|want|let|allow)\b)\w+\b(?=[^.!?]*\b(?:none of this|wouldn't|would not|would never|never would|'d never)\b)|\byou(?:'re| are| were)\s+the one (?:who|that)\b|\byou(?:'re| are| were)?\s*(?:not|n't|weren't|aren't)\s+(?:exactly\s+|completely\s+|totally\s+)?(?:an angel|a saint|perfect|innocent|blameless|faultless)\b|\byou\b[^.!?]{0,40}\beither\b|\bwe (?:both|all) (?:made|make|did|said|messed|screwed|played|share|hurt)\b|\b(?:we're|we are|we were) both (?:to blame|at fault|guilty|responsible)\b|\bboth (?:of us|sides)\b|\byou left me (?:alone|no choice|on my own|no option|with no)\b|\b(?:like|as) you always do\b|\b(?:it )?wasn't (?:really )?me\b|\byou\s+\w+ing too\b|\byou (?:were|did) too\b/g,
    explanation: 'This may move the blame onto your partner; an apology lands when it stays with your own part.',
    // round 17: "I'm so sorry I was drunk at Ellie's recital" owns the state as the wrong
    accept: (f, s, e) => !(/^i was/.test(f.slice(s, e)) && /\b(?:sorry|regret|ashamed)(?: that)?\s+$/.test(before(f, s))),
  },
  {
    type: 'minimising',
    pattern:
      /\b(?:it was|it's|that was|this was|it is)\s+(?:just|only)\b|\b(?:just|only) (?:a|one|some|a few|the one) (?:kiss|lunch|drink|text|texts|message|messages|joke|coffee|time|night|chat|photo|few)\b|\bnot (?:a|that|such a) big (?:a )?(?:deal|thing)\b|\b(?:one|a single) (?:stupid|silly|little|drunken|meaningless|harmless) (?:night|kiss|mistake|time|text|message|evening|drink)\b|\bnot worth (?:ruining|losing|throwing away|ending|wrecking)\b|\bwe were (?:just|only) (?:talking|chatting|friends|texting|messaging|having a drink)\b|\bwasn't (?:that|so) (?:bad|serious|big)\b|\bdidn't mean anything\b|\bnothing (?:really\s+)?happened\b|\b(?:everyone|everybody|all men|all women|lots of people|most people) (?:does|did|do|lies|lie|cheats|cheat|has done)\b|\boverreact(?:ing|ed|s)?\b|\b(?:people|loads of people|lots of people|everyone|everybody) (?:\w+\s+)?(?:flirt|text|lie|cheat|do (?:it|that|this))\b|\bharmless\b|\b(?:it|that) (?:meant|means) nothing\b|\b(?:it|that) was (?:completely\s+|totally\s+)?innocent\b|\b(?<!(?:not|wasn't|isn't|no) (?:a|the|just a) )(?:the|a|this|that|any) (?:misunderstanding|miscommunication|mix-?up)\b|\bmaking (?:this|it) (?:bigger|worse|into more) than\b|\bnot that serious\b|\bno big deal\b|\bblow(?:ing|n)? (?:it|this) out of proportion\b|\bsuch a big deal\b|\bi (?:didn't do|did) (?:anything|nothing) wrong\b|\bmaking (?:too much|a big deal|a mountain) (?:of|out of)\b|\btoo (?:sensitive|emotional)\b|\b(?:it's|it is|that's) in the past\b|\bwhat's done is done\b|\b(?:it|that) was (?:a long time|years|ages|months) ago\b|\bonly happened once\b|\bdidn't mean it (?:like that|that way)\b|\bwasn't (?:a|that|such a) big (?:thing|deal)\b|\boverthinking\b|\bjust (?:joking|kidding|messing|teasing)\b|\bancient history\b/g,
    explanation: 'This may sound as if the hurt is smaller than it is; letting it be as big as it feels to your partner helps.',
    // round 17: the excuse the writer told themselves, then took back ("I told myself it was just coffee, but I knew it was wrong")
    accept: (f, s) =>
      !/\b(?:told myself|convinced myself|pretended|kept telling myself|tried to tell myself)(?: that)?\s+$/.test(before(f, s)),
  },
  {
    type: 'demanding',
    pattern:
      /\b(?:now\s+)?you (?:need|have|must|should|ought|got) to (?:forgive|move on|get over|let (?:it|this) go|stop bringing|trust me again)\b|\bcan (?:we|you) (?:just\s+)?(?:stop talking about|move on|go back to normal|put (?:it|this) behind|drop it|forget (?:it|about it))\b|\blet's (?:just\s+)?(?:move on|put (?:it|this) behind|forget (?:it|about it)|not talk about)\b|\bnever bring (?:it|this) up again\b|\bget over it\b|\bdrop it\b|\bi've said (?:i'm\s+)?sorry\b|\bi (?:already\s+)?apologi[sz]ed(?: already)?\b[^.!?]{0,30}?\b(?:so|now|can we|enough)\b|\bi said sorry\b[^.!?]{0,20}?\b(?:now|so|what more|enough)\b|\bwhat (?:more|else) do you want\b|\b(?:happy|satisfied|are you happy) now\b|\b(?:fine|ok|okay|there),?\s+(?:i'm|i am|i said)?\s*sorry\b(?=\s*[.!,])|\bapologi[sz]ed\s+(?:like\s+)?(?:a (?:hundred|thousand|million|dozen|billion)|so many|countless|enough|over and over|again and again|\w+ times)\b|\b(?:need to|have to|must|should|ought to|got to|gotta|going to|gonna|when will you|why can't you|why won't you|surely (?:we|you) can|can't (?:we|you) just|can we just)\s+(?:\w+\s+)?(?:let (?:it|this|that) go|get over|move on|move past|get past|forgive me|forget (?:it|about it|this)|stop bringing|put (?:it|this|that) behind)\b|\b(?:over|past) (?:it|this|that) by now\b|\bare we (?:good|okay|ok|fine|done) now\b|\bapologi[sz]ed (?:a hundred|a thousand|so many|enough|over and over)\b|\bhaven't i (?:suffered|been punished|paid|apologi[sz]ed) enough\b|\bwhy can't you (?:just\s+)?(?:let it go|move on|forgive|get over)\b|\bhow many times do i have to\b|\bdon't know what (?:else|more) you want\b|\bcan't keep (?:apologi[sz]ing|saying sorry)\b|\b(?:said|say) sorry already\b|\bapologi[sz]ed (?:till|until)\b/g,
    explanation: 'Forgiveness and closure can only be given freely; asking, not expecting, leaves your partner room to heal.',
  },
]);
