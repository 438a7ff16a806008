import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { html, raw, escapeHtml } from './html.js';

test('interpolated text is escaped, nested html is not', () => {
  const name = '<script>alert("x")</script>';
  const out = html`<p>${name}</p>${html`<b>${'&'}</b>`}`.toString();
  assert.equal(out, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><b>&amp;</b>');
});

test('arrays join and falsy values render nothing', () => {
  assert.equal(html`${['a', html`<i>b</i>`]}${null}${undefined}${false}`.toString(), 'a<i>b</i>');
  assert.equal(html`${raw('<svg></svg>')}`.toString(), '<svg></svg>');
});

test('escaped text never contains markup characters', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      assert.doesNotMatch(escapeHtml(s), /[<>"']/);
      assert.equal(html`${s}`.toString(), escapeHtml(s));
    }),
  );
});
