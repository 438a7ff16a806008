/**
 * Word lists the rules are built from. Kept apart from the rules so the vocabulary can grow
 * without touching the logic. All entries are lower case with straight apostrophes, because the
 * rules match against folded text (see text.ts).
 */

/** Names that insult a person when aimed at the partner. */
export const INSULT_NOUNS = [
  'liar', 'idiot', 'jerk', 'loser', 'fraud', 'coward', 'cheat', 'cheater', 'hypocrite',
  'narcissist', 'monster', 'moron', 'fool', 'joke', 'failure', 'bastard', 'bitch', 'pig',
  'psycho', 'creep', 'snake', 'child', 'baby', 'manipulator', 'disgrace', 'waste of space',
  'waste of my time', 'waste of time', 'piece of work', 'nightmare', 'parasite', 'drama queen', 'bully',
  'control freak', 'freak', 'brat', 'spoiled brat', 'mess', 'clown', 'disappointment', 'embarrassment',
  // British and everyday slang, and the "waste of …" / "excuse for a …" families
  'muppet', 'numpty', 'plonker', 'pillock', 'prat', 'git', 'tosser', 'wanker', 'twat', 'prick',
  'dickhead', 'arsehole', 'asshole', 'scumbag', 'scum', 'slob', 'slag', 'slut', 'whore',
  'imbecile', 'halfwit', 'dimwit', 'nitwit', 'dunce', 'sociopath', 'psychopath', 'traitor', 'deadbeat',
  'leech', 'wimp', 'teenager', 'toddler', 'sleaze', 'sleazebag', 'pushover', 'doormat',
  'waste of oxygen', 'waste of air', 'waste of skin', 'waste of breath', 'waste of a', 'excuse for a',
  'excuse of a', 'lost cause', 'laughing stock',
] as const;

/** Adjectives that judge character when said about the partner. */
export const CHARACTER_ADJECTIVES = [
  'selfish', 'lazy', 'pathetic', 'useless', 'stupid', 'dumb', 'dramatic', 'heartless', 'cold',
  'cruel', 'manipulative', 'disgusting', 'worthless', 'weak', 'terrible', 'horrible', 'awful',
  'immature', 'spineless', 'toxic', 'crazy', 'insane', 'hysterical', 'evil', 'vile',
  'incompetent', 'hopeless', 'ridiculous', 'unbelievable', 'selfcentred', 'self-centered',
  'self-centred', 'self-absorbed', 'arrogant', 'deceitful', 'dishonest', 'untrustworthy',
  'irresponsible', 'inconsiderate', 'ungrateful', 'needy', 'clingy', 'paranoid', 'petty', 'nasty',
  'rude', 'fake', 'shallow', 'careless', 'callous', 'spoiled', 'spoilt', 'worst', 'bad', 'worse', 'impossible',
  'unbearable', 'insufferable', 'dense', 'deaf', 'clueless', 'thick', 'two-faced', 'sneaky',
  // wearing to be with, and more of the same families
  'exhausting', 'draining', 'tiresome', 'annoying', 'irritating', 'infuriating', 'embarrassing',
  'repulsive', 'revolting', 'despicable', 'contemptible', 'pitiful', 'pitiable', 'gutless', 'cowardly',
  'childish', 'infantile', 'juvenile', 'controlling', 'possessive', 'spiteful', 'vindictive',
  'unreliable', 'idiotic', 'moronic', 'brainless', 'delusional', 'unhinged', 'deranged', 'psychotic',
  'narcissistic', 'egotistical', 'self-obsessed', 'self-righteous', 'smug', 'sly',
  'faithless', 'disloyal', 'heartless', 'soulless', 'cheap', 'stingy', 'boring',
  'unlovable', 'unloveable', 'pig-headed', 'stubborn', 'thoughtless', 'uncaring',
] as const;

/** Words that make "you always …" / "you're the reason …" warm rather than accusing. */
export const WARM_WORDS = [
  'laugh', 'smile', 'love', 'loved', 'lovely', 'cheer', 'happy', 'safe', 'calm', 'special',
  'proud', 'kind', 'kindness', 'remember', 'know how to', 'listen when', 'hold my hand', 'hold me',
  'help', 'support', 'there for me', 'make it better', 'feel better', 'good', 'great', 'beautiful',
  'warm', 'gentle', 'patient', 'generous', 'thoughtful', 'believe in me', 'encourage', 'comfort',
  'hug', 'care for', 'look after', 'find a way', 'welcome', 'hope', 'grateful', 'thank',
  'appreciate', 'wonderful', 'best', 'brave', 'strong', 'forgive', 'hopeful', 'alive', 'heard',
  'seen', 'valued', 'worth', 'fun', 'glad', 'bring me', 'make me coffee', 'treat me', 'have my back', 'back me up',
  'the right words', 'the right thing', 'try so hard', 'trying so hard', 'work so hard', 'i see it',
  'i see that', 'i notice', 'know what to', 'know just what', 'know when to',
] as const;

/**
 * After an absolute, a clause like this turns the sentence into praise ("You never let me go to
 * bed angry, and I love that about you"). It must follow a comma or "and", so "you never say
 * thank you" stays a complaint.
 */
export const APPRECIATION =
  /(?:,|;|\band\b|\bso\b)\s*(?:and\s+|so\s+|honestly\s+|really\s+)?(?:i\s+(?:really\s+|truly\s+|just\s+)?(?:love|appreciate|notice|see|adore|admire|value)\s+(?:that|it|this|how|you for)|thank(?:s| you)|that means|it means|i'm (?:so\s+)?(?:grateful|lucky|proud))/;

/** After "you never", these verbs turn the sentence into praise ("you never fail to …"). */
export const NEVER_WARM_VERBS = [
  'fail', 'forget', 'give up', 'stop', 'let me down', 'have to', 'need to', 'judge', 'complain',
  'miss a', 'hesitate', 'back down from us', 'leave me', 'give up on', 'doubt',
] as const;

/** Clause words signalling something went wrong ("because of you I can't …"). */
export const HURT_MARKERS = [
  "can't", 'cannot', "don't", "won't", 'never', 'no longer', 'anymore', 'lost', 'cry', 'hurt',
  'sick', 'broken', 'ruined', 'scared', 'afraid', 'alone', 'miserable', 'sleep', 'hate', 'lonely',
  'suffer', 'pain', 'angry', 'trust',
] as const;

/** Words that, anywhere in a message, mark a "thanks for finally …" as sincere. */
export const SINCERE_MARKERS = [
  'means a lot', 'meant a lot', 'means so much', 'courage', 'grateful', 'appreciate', 'brave',
  'proud', 'thank you so much', 'it helps', 'it helped', 'relieved',
] as const;

/** Builds an alternation that matches any entry as whole words. */
export function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** A (non-global) pattern matching any of `words` as whole words. */
export function wordsPattern(words: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${alternation(words)})\\b`);
}

export const WARM = wordsPattern(WARM_WORDS);
export const HURT = wordsPattern(HURT_MARKERS);
export const SINCERE = wordsPattern(SINCERE_MARKERS);
