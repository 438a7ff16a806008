import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_BASE, analyzeApologyWith, analyzeMessageWith } from './analyse.js';
import { analyzeApology, analyzeMessage } from './index.js';
import { readerFor } from './model.js';
import { COACH_MODELS } from './model-weights.js';
import { modelComponentRules, withModelRules } from './model-rules.js';

const types = (text: string) => analyzeMessage(text).findings.map((f) => f.type);

describe('round 14: shapes by family (server and CLI; the island once the model has loaded)', () => {
  test('each family shape is found, with its type', () => {
    const cases: [string, string][] = [
      ["My stress is through the roof and that's your doing.", 'blame'],
      ['The whole evening was spoiled by your sulking.', 'blame'],
      ['Your gambling is the reason we rent.', 'blame'],
      ['Either the drinking stops or you move out.', 'threat'],
      ['I will be calling my solicitor unless you sign by Monday.', 'threat'],
      ["I'll tell your mother everything about this.", 'threat'],
      ['I refuse to apologise for telling the truth.', 'defensive'],
      ["I'm not responsible for your moods.", 'defensive'],
      ['Stop trying to make me feel guilty.', 'defensive'],
      ["I can't stand being in the same house as you.", 'contempt'],
      ['I feel sorry for anyone who has to share an office with you.', 'contempt'],
      ['Ask me if I care.', 'stonewalling'],
      ['How thoughtful, leaving me the bins again.', 'sarcasm'],
    ];
    for (const [text, type] of cases) assert.ok(types(text).includes(type), `${text} → ${types(text).join(', ')}`);
  });

  test('they come with the model: the rules alone (the island before its first use) do not hold them', () => {
    const text = 'Either the drinking stops or you move out.';
    const ruleTypes = (t: string) => analyzeMessageWith(null, t).findings.map((f) => f.type);
    assert.ok(!ruleTypes(text).includes('threat'));
    const reader = withModelRules(readerFor(COACH_MODELS), RULE_BASE);
    assert.ok(analyzeMessageWith(reader, text).findings.some((f) => f.type === 'threat'));
  });

  test('hard negatives stay gentle', () => {
    for (const text of [
      "Thank you for remembering my mum's birthday.",
      'Thanks for remembering the milk!',
      "You're always the one who notices when I'm low. Thank you.",
      'You never once made me feel silly for asking.',
      'You never cease to surprise me, in the best way.',
      "You'll never guess who I bumped into at the shops.",
      'You never told me what the doctor said, how did it go?',
      'the kids keep shouting shut up at each other, can we talk to them together?',
      "The jokes about my family last night hurt, even if you didn't mean them to.",
      'You interrupted me twice at dinner. It made me feel unheard.',
      'You brushed me off when I tried to talk, and I went to bed sad.',
      'You were really quiet at dinner. Is something on your mind?',
      'sorry i blew up at u, it wasnt fair. talk later?',
      'u left ur charger here, want me to bring it?',
      "I'm not responsible for the bins this week, you are.",
      'Either the red one or the blue one, you choose.',
    ]) {
      assert.deepEqual(types(text), [], text);
    }
  });

  test('a pattern keeps a past occasion harsh, and praise that mocks is still mockery', () => {
    assert.ok(types('You keep humiliating me and it hurts.').includes('criticism'));
    assert.ok(types('Wonderful, so kind of you to remember I exist.').includes('sarcasm'));
    assert.ok(types('Thanks for remembering my birthday, only three days late.').includes('sarcasm'));
  });
});

describe('round 14: impact told by what the partner went through', () => {
  test('waiting, worrying or a state the partner was left in is impact', () => {
    for (const text of [
      "I'm sorry I forgot the anniversary dinner. You got dressed up and waited for nothing.",
      "I'm sorry I shouted at the kids' party. You were mortified in front of the other parents.",
      "I'm sorry I went silent for three days. You didn't know if I was coming back.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, true, text);
    }
  });

  test("the partner's own earlier act, words or rightness is not impact", () => {
    for (const text of [
      "I'm sorry for missing dinner. You cooked and I didn't show.",
      "I'm sorry I didn't come to your award night. You asked me weeks ago.",
      'I apologise for not listening. You were right about the car.',
    ]) {
      assert.equal(analyzeApology(text).components.impact, false, text);
    }
  });

  test('the structural impact rule comes with the model too', () => {
    const text = "I'm sorry I forgot the anniversary dinner. You got dressed up and waited for nothing.";
    assert.equal(analyzeApologyWith(null, text).components.impact, false);
    assert.equal(analyzeApologyWith(null, text, modelComponentRules(RULE_BASE.helpers)).components.impact, true);
  });
});

describe('round 15: gentle messages by shape', () => {
  test('answered verdicts, praise, fondness, owning and offers stay gentle', () => {
    for (const text of [
      'My cousin said you were a liar, and I told him he had it wrong.',
      'Your manager called you lazy? That is so unfair.',
      'No one makes me smile like you do.',
      "You're stubborn, which is one of the things I love about you.",
      'You always know when I need a hug.',
      "You've always had my back.",
      'u always make the kitchen smell amazing ty',
      "You've been nothing but patient with me.",
      "You're impossible to stay angry with.",
      'I said you were selfish this morning and it was not fair. You had been up with the baby all night.',
      'My anxiety was the problem today, not you.',
      "Don't apologise, just stay with me a bit.",
      'Thanks to you I finally booked the dentist.',
    ]) {
      assert.deepEqual(types(text), [], text);
    }
  });

  test('the same words without the answer, the praise or the kindness stay harsh', () => {
    for (const text of [
      'My cousin said you were a liar, and he is right.',
      'Nobody lies like you do.',
      "You're stubborn and selfish.",
      'Nobody with any self-respect would act the way you do.',
      "Don't worry, I'll do everything, like always.",
      "I'm going out. Don't wait up.",
    ]) {
      assert.ok(analyzeMessage(text).harsh, text);
    }
  });

  test('new harsh shapes', () => {
    const cases: [string, string][] = [
      ['I want you gone by the weekend.', 'threat'],
      ["You've got a nerve.", 'contempt'],
      ['I was happy before I met you.', 'blame'],
      ['Oh here we go, now I am the bad guy.', 'defensive'],
      ["I don't know why I'm still with you.", 'contempt'],
    ];
    for (const [text, type] of cases) assert.ok(types(text).includes(type), `${text} → ${types(text).join(', ')}`);
  });
});

describe('round 15: impact is what the wrong did, not what the partner was doing', () => {
  test("the partner's own part around the wrong does not make the impact head credit impact", () => {
    for (const text of [
      "I'm sorry I didn't tell you about the loan. You trusted me with the bills and I hid it.",
      "I'm sorry I raised my voice when you were on a call with your sister.",
      "I'm sorry I said you were boring. You work harder than anyone I know.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, false, text);
    }
  });

  test('what it left the partner feeling or fearing is impact', () => {
    for (const text of [
      "I'm sorry I cheated. You don't feel safe in this house any more.",
      "I'm sorry I didn't ring. You thought something had happened to me.",
      "I'm sorry I missed the birth of our son. You had no one to hold your hand.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, true, text);
    }
  });
});

describe('round 16: gentle shapes, harsh shapes and impact by what the act did', () => {
  test('hard negatives stay gentle', () => {
    for (const text of [
      "I'm worn out tonight. Not angry, just tired.",
      "i'm so cross with this week. not u. the week",
      'need a minute, not ignoring u',
      'You big dope, you left your wallet in my car again. I love you.',
      "You're the worst at keeping secrets. I saw the card. Love you anyway.",
      'ugh im such a muppet i forgot the tickets',
      'I hate it when you joke about my driving.',
      'Your aunt says you were a terror as a toddler!',
      'ur the reason i got through that exam tbh',
      'My friend said you were controlling, and I told her she has no idea what you do for me.',
      'You always come home so tired. Can I cook tonight?',
      "You always sit in that chair, so I've put a cushion there for you.",
      'Your cousin joked that you were useless with money, which is so untrue.',
    ]) {
      assert.deepEqual(types(text), [], text);
    }
  });

  test('the same words without the affection, the care or the answer stay harsh', () => {
    for (const text of [
      "You're such an idiot. Thanks.",
      "I'm not cross. But not with you? Please, you're the problem.",
      'A decent partner would have rung. But not you.',
      'You always leave the lights on, and I pay for it.',
      'My friend said you were controlling, and she is right.',
    ]) {
      assert.ok(analyzeMessage(text).harsh, text);
    }
  });

  test('new harsh shapes', () => {
    const cases: [string, string][] = [
      ['Put the phone down. Now.', 'command'],
      ["I came home, didn't I? What more do you want from me?", 'defensive'],
      ["Here we go again. So now I'm the bad one.", 'defensive'],
      ["You're simply not a decent human being.", 'character'],
      ["You're far too childish to talk to about money.", 'character'],
      ['Lovely meal. Not.', 'sarcasm'],
    ];
    for (const [text, type] of cases) assert.ok(types(text).includes(type), `${text} → ${types(text).join(', ')}`);
  });

  test('what the act was or did to the partner is impact; praise of the partner and what they were doing are not', () => {
    for (const text of [
      "I'm sorry I read your diary. That was an awful thing to do to you.",
      "I'm sorry I made that comment. It was humiliating for you.",
      "I'm sorry I didn't sort the bills. All of the stress landed on you.",
      "I'm sorry I went through your phone. Your own home doesn't feel safe now.",
      "I'm sorry I lied. The trust we had cracked overnight because of me.",
      "I'm sorry I scared you by driving like that.",
      "I'm sorry I hurt you.",
      "I'm sorry I didn't answer. u were panicking all night.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, true, text);
    }
    for (const text of [
      "I'm sorry I laughed at your painting. You've got a real gift.",
      "I'm sorry I talked over you while you were telling me about work.",
      "I'm sorry you felt left out.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, false, text);
    }
  });
});

describe('round 17: gentle absolutes, closing fragments and impact by what the partner has gone through since', () => {
  test('gentle absolutes, frames and sign-offs stay gentle', () => {
    for (const text of [
      'Are you always this busy in December?',
      "You'll always have a home with me.",
      "You're never a bother.",
      'You always seem so tired lately. Is work ok?',
      'You never eat breakfast, so I packed you a muffin.',
      "You're always brilliant with my nan. She loves you.",
      'You always turn up for the kids. Even when it is hard.',
      "You've never once told me to get over it.",
      'Tea and a chat later? Only if you are up for it.',
      'Happy birthday. Thirty years young.',
      'Always yours.',
      'Leaving now.',
    ]) {
      assert.deepEqual(types(text), [], text);
    }
  });

  test('the same words in a harsh shape stay harsh', () => {
    for (const text of [
      'Do you always have to be so loud?',
      'Are you always this rude?',
      "You'll always be alone.",
      "You'll never be enough.",
      'You never help. Are you ok with that?',
      "You're always brilliant at twisting my words.",
    ]) {
      assert.ok(analyzeMessage(text).harsh, text);
    }
  });

  test('mock praise in a closing fragment after a named wrong is sarcasm; sincere praise is not', () => {
    for (const text of [
      'You left me to do the shopping again. Gold star.',
      'Congratulations on a day without lying. What an achievement.',
    ]) {
      assert.ok(types(text).includes('sarcasm'), text);
    }
    for (const text of ['You cooked all day for my family. Heroic.', 'You held my hand the whole time. Hero.']) {
      assert.ok(!types(text).includes('sarcasm'), text);
    }
  });

  test('what the partner has gone through since is impact; their praise, trust and plans are not', () => {
    for (const text of [
      "I'm sorry I mocked your cooking. You've been second-guessing yourself in the kitchen ever since.",
      "I'm sorry I lied. You flinch whenever my phone buzzes.",
      "I'm sorry I drank. You stopped trusting anything I said.",
      "I'm sorry I missed it. You went through the worst night of your life without me there.",
      "I'm sorry I shouted. I saw that you are scared of me.",
      "I'm sorry I hid it. It took away your peace of mind.",
      "I'm sorry for the secrets. It has made you anxious whenever I go out.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, true, text);
    }
    for (const text of [
      "I'm sorry I snapped at you yesterday. You're a brilliant dad.",
      'I apologise for my conduct. You placed your trust in me and I betrayed it.',
      "I'm sorry I missed the concert. You'd booked it months ago.",
      "I'm sorry I forgot your birthday. You never forget mine.",
    ]) {
      assert.equal(analyzeApology(text).components.impact, false, text);
    }
  });

  test('owning a state and an excuse taken back are not non-apologies', () => {
    for (const text of ["I'm so sorry I was drunk at your sister's party."]) {
      assert.equal(analyzeApology(text).nonApology, false, text);
    }
    const told = 'I owe you an apology. I told myself it was just a drink, but I knew it was wrong, and I hid it.';
    assert.ok(!analyzeApology(told).findings.some((f) => f.type === 'minimising'), told);
  });
});

describe('round 19: gentle shapes by family, and the harsh shapes next to them', () => {
  test('gentle messages that speak to "you" with a harsh rule word stay gentle', () => {
    for (const text of [
      'The counsellor said we should stop saying you always and you never, so I am trying.',
      'Could you always text me when you land? I just worry.',
      'You never told me which day your mum arrives, was it Thursday?',
      'You always said you wanted to see Lisbon. Shall we book it for spring?',
      "You never let me walk home alone, even when it's out of your way.",
      "Don't you dare lift that box with your back, I'll carry it.",
      'For once I beat you at chess! Rematch tomorrow?',
      'What about you, how was your day?',
      "Jake's wife told him he never listens, and it made me think about how lucky I am.",
    ]) {
      assert.equal(analyzeMessage(text).harsh, false, `${text} → ${types(text).join(', ')}`);
    }
  });

  test('the harsh shapes beside them stay harsh', () => {
    for (const text of [
      'Could you always be this rude to my friends, or is it just tonight?',
      'Can you never just listen for once?',
      'What about you? You lie more than anyone I know.',
      'For once in your life, do something without being asked.',
      "Don't you dare walk away from me while I'm talking.",
      "Don't worry, I'll do everything, like always.",
      'You never let me finish a single sentence.',
      "You always said you'd change, and look at you.",
    ]) {
      assert.equal(analyzeMessage(text).harsh, true, text);
    }
  });
});
