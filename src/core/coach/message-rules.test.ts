import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeMessage } from './index.js';

function types(text: string): string[] {
  return analyzeMessage(text).findings.map((f) => f.type);
}

function flags(text: string, type: string, excerpt?: string): void {
  const r = analyzeMessage(text);
  assert.equal(r.harsh, true, `expected harsh: ${text}`);
  const f = r.findings.find((x) => x.type === type && (excerpt === undefined || x.excerpt.toLowerCase() === excerpt.toLowerCase()));
  assert.ok(f, `expected a ${type} finding in: ${text} (got ${types(text).join(', ')})`);
  if (excerpt !== undefined) assert.equal(f.excerpt.toLowerCase(), excerpt.toLowerCase());
}

function passes(text: string): void {
  const r = analyzeMessage(text);
  assert.equal(r.harsh, false, `expected not harsh: ${text} (got ${r.findings.map((f) => `${f.type}:${f.excerpt}`).join(', ')})`);
  assert.equal(r.suggestion, undefined);
}

describe('absolutes about the partner', () => {
  test('flags "you always / you never" accusations', () => {
    flags('You always put your phone first.', 'absolute', 'You always');
    flags('You never listen.', 'absolute', 'You never');
    flags("You're never home.", 'absolute', "You're never");
    flags('You constantly check your phone.', 'absolute');
  });
  test('leaves warm absolutes and absolutes about oneself alone', () => {
    passes('You always make me laugh.');
    passes('You always know how to cheer me up.');
    passes('You never fail to bring me coffee.');
    passes('You never forget my birthday.');
    passes('I never expected this.');
    passes('I always hoped we would grow old together.');
  });
});

describe('character and names', () => {
  test('flags judgements and names aimed at the partner', () => {
    flags("You're so selfish.", 'character', 'selfish');
    flags('You are a liar.', 'insult', 'liar');
    flags("You're such a coward.", 'insult', 'coward');
    flags('I married such a loser.', 'insult', 'loser');
    flags("You're unbelievable. Absolutely useless.", 'character', 'useless');
    flags('Nobody could love someone as cruel as you.', 'character', 'cruel');
    flags("You're incapable of telling the truth.", 'character');
    flags('You only care about yourself.', 'character');
  });
  test('does not flag the same words about oneself or about things', () => {
    passes('I feel like an idiot for not seeing it.');
    passes("I'm so stupid, I left my keys at work.");
    passes('I was stupid to think I could fix this alone.');
    passes('I had a terrible day at work.');
    passes('That was the worst week of my life.');
    passes('You mean the world to me.');
  });
});

describe('blame', () => {
  test('flags blame', () => {
    flags("It's all your fault.", 'blame', 'all your fault');
    flags("Because of you I can't sleep.", 'blame', 'Because of you');
    flags('You ruined our marriage.', 'blame');
    flags('You made me this way.', 'blame');
    flags("You're the reason I cry.", 'blame');
  });
  test('does not flag kind or negated uses', () => {
    passes("It's not your fault the car broke down.");
    passes("It wasn't your fault the plans changed.");
    passes('Because of you, I started believing again.');
    passes('You made me feel safe today.');
    passes("You're the reason I smile.");
    passes("You ruined the surprise, but I'm so happy!");
  });
});

describe('contempt and sarcasm', () => {
  test('flags contempt', () => {
    flags('You disgust me.', 'contempt');
    flags('I hate you.', 'contempt');
    flags('Typical you.', 'contempt');
    flags("You're just like your father.", 'contempt');
    flags('Whatever. Do what you want.', 'contempt', 'Whatever');
  });
  test('flags sarcasm', () => {
    flags('Oh sure, you were at the gym.', 'sarcasm', 'Oh sure');
    flags('Nice of you to finally show up.', 'sarcasm');
    flags('Should I throw you a party?', 'sarcasm');
    flags('Do you want a medal?', 'sarcasm');
    flags('Thanks for nothing.', 'sarcasm');
    flags('Well done, another broken promise.', 'sarcasm');
    flags('Yeah right, like you were really working.', 'sarcasm');
    flags('Thanks for finally deciding to show up.', 'sarcasm');
  });
  test('does not flag sincere thanks, congratulations and agreement', () => {
    passes('Sure, I can pick up the groceries.');
    passes('Great news, the therapist has a slot.');
    passes('Nice of you to ask, I am doing better.');
    passes('Thank you for finally telling me, it took courage.');
    passes('Congratulations on the new job.');
    passes('Well done on the presentation!');
    passes('Of course I will come with you.');
    passes('I hate that this happened to us.');
    passes('I feel like you were far away this week.');
  });
});

describe('commands that shut the other down', () => {
  test('flags orders to be quiet or go', () => {
    flags('Shut up.', 'command', 'Shut up');
    flags('Just be quiet.', 'command');
    flags("Don't talk to me.", 'command');
    flags('Get out of my sight.', 'command');
    flags('Leave me alone.', 'command');
  });
  test('does not flag requests for a pause', () => {
    passes("I'm tired, can we continue tomorrow?");
    passes('I need a break from this conversation for an hour.');
    passes('Please stop texting while you drive, it scares me.');
  });
});

describe('own pain is never flagged', () => {
  for (const text of [
    'I feel sick when I think about it.',
    'My stomach turns when I think about the lies.',
    'I feel disgusted with myself for checking your phone.',
    'I am angry and I need space tonight.',
  ]) {
    test(text, () => passes(text));
  }
});

test('curly apostrophes and capitals are handled', () => {
  flags('YOU’RE A LIAR.', 'insult', 'LIAR');
  flags('It’s your fault.', 'blame');
  passes('It’s not your fault.');
});
