import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToHtml } from './markdown.js';

describe('markdownToHtml', () => {
  test('renders headings, lists and emphasis', () => {
    const out = markdownToHtml('# Title\n\n## Part\n\n- one **two**\n- *three*\n').toString();
    assert.match(out, /<h1>Title<\/h1>/);
    assert.match(out, /<h2>Part<\/h2>/);
    assert.match(out, /<li>one <strong>two<\/strong><\/li>/);
    assert.match(out, /<em>three<\/em>/);
  });

  test('shows raw HTML as text, never as markup', () => {
    const out = markdownToHtml(
      'Hello <script>alert(1)</script>\n\n<div onclick="x()">block</div>\n\n<img src=x onerror=alert(1)>\n',
    ).toString();
    assert.doesNotMatch(out, /<script|<div|<img|onerror=alert\(1\)>/i);
    assert.match(out, /&lt;script&gt;/);
  });

  test('keeps links to web pages and this site, drops links that could run script, and loads no image', () => {
    const out = markdownToHtml(
      '[a](https://doi.org/10.1/x) [b](/guides) [c](javascript:alert(1)) [d](JAVASCRIPT:alert(1)) [e](data:text/html,x) [f](//evil.example) ![pic](https://example.com/p.png)',
    ).toString();
    assert.match(out, /<a href="https:\/\/doi.org\/10.1\/x" rel="noreferrer">a<\/a>/);
    assert.match(out, /<a href="\/guides">b<\/a>/);
    assert.doesNotMatch(out, /javascript:|data:text|evil\.example"|<img/i);
    assert.match(out, / c /);
    assert.match(out, /pic/);
  });
});
