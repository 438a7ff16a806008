import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layout, spaceNamedAfterPartners } from './layout.js';
import { html } from './html.js';

function header(name: string, partnerNames: string[]): string {
  const page = String(
    layout({ title: 'T', body: html`<p>body</p>`, quickExitUrl: 'https://example.org', space: { id: 's1', name, partnerNames } }),
  );
  return /<header[\s\S]*<\/header>/.exec(page)![0];
}

test('the header names the partners beside the space, unless the space is already named after them', () => {
  const plain = header('Us', ['Alex', 'Sam']);
  assert.match(plain, />Us<\/a><span class="site-header__people"> · Alex &amp; Sam<\/span>/);

  for (const name of ['Alex & Sam', 'Sam and Alex', 'sam & alex’s space', 'Alex + Sam']) {
    const named = header(name, ['Alex', 'Sam']);
    assert.doesNotMatch(named, /site-header__people/, name);
    assert.equal(named.split('Alex').length - 1, /alex/i.test(name) && name.includes('Alex') ? 1 : 0, name);
  }
});

test('a space named after only one partner, or a name inside another word, still shows both names', () => {
  assert.equal(spaceNamedAfterPartners('Alex’s space', ['Alex', 'Sam']), false);
  assert.equal(spaceNamedAfterPartners('Alexander & Samira', ['Alex', 'Sam']), false);
  assert.equal(spaceNamedAfterPartners('Jo & Zoë', ['Jo', 'Zoë']), true);
  assert.equal(spaceNamedAfterPartners('Jo & Zoe\u0308', ['Jo', 'Zoë']), true, 'compared after Unicode normalisation');
  assert.equal(spaceNamedAfterPartners('A (b) & C', ['A (b)', 'C']), true, 'names are matched as text, not as patterns');
  assert.equal(spaceNamedAfterPartners('Us', []), false);
  assert.match(header('Alex’s space', ['Alex', 'Sam']), /site-header__people/);
});

test('the header’s notifications link: a count a screen reader hears and a badge the eye sees, nothing at 0 (issue #18)', () => {
  const signedIn = (unread: number, path = '/') =>
    String(
      layout({ title: 'T', body: html`<p>body</p>`, quickExitUrl: 'https://example.org', viewer: { displayName: 'Alex', unread }, path }),
    );
  assert.match(
    signedIn(3),
    /<a href="\/notifications" id="notifications-link" data-unread="3" aria-label="Notifications, 3 unread">Notifications<span class="unread-badge" aria-hidden="true">3<\/span><\/a>/,
  );
  assert.match(signedIn(0), /<a href="\/notifications" id="notifications-link" data-unread="0">Notifications<\/a>/);
  assert.match(signedIn(0, '/notifications'), /data-unread="0" aria-current="page">Notifications<\/a>/);
  assert.match(
    signedIn(250),
    /aria-label="Notifications, 250 unread">Notifications<span class="unread-badge" aria-hidden="true">99\+<\/span>/,
  );
  assert.match(
    signedIn(1),
    /<script type="module" src="\/static\/unread(\.[0-9a-f]{12})?\.js">/,
    'a page without a space stream keeps the count with its own island',
  );
  const withLive = String(
    layout({
      title: 'T',
      body: html``,
      quickExitUrl: 'https://example.org',
      viewer: { displayName: 'Alex', unread: 1 },
      scripts: ['/static/live.js'],
    }),
  );
  assert.doesNotMatch(
    withLive,
    /unread(\.[0-9a-f]{12})?\.js/,
    'the live island keeps it on a page with a space stream: one island, one connection',
  );
  const signedOut = String(layout({ title: 'T', body: html``, quickExitUrl: 'https://example.org' }));
  assert.doesNotMatch(signedOut, /notifications-link|unread(\.[0-9a-f]{12})?\.js/);
});

test('the islands every page has come as one module script (quick exit among them), not one each', () => {
  const page = String(layout({ title: 'T', body: html``, quickExitUrl: 'https://example.org' }));
  const scripts = [...page.matchAll(/<script type="module" src="\/static\/([a-z-]+)(\.[0-9a-f]{12})?\.js"><\/script>/g)].map((m) => m[1]);
  assert.deepEqual(scripts, ['shell']);
  assert.doesNotMatch(page, /<script(?![^>]*\bsrc=)/, 'no inline script');
});
