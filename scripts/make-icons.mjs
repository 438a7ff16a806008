// Draws Mend's app icons (web app manifest, home screens) from src/platform/web/static/favicon.svg
// in Debian's Chromium, and writes them beside it: icon-192.png, icon-512.png, a maskable
// icon-maskable-512.png (the mark inside the central safe zone on a full-bleed square, so a phone
// can cut it to any shape) and apple-touch-icon.png (180 px, full-bleed: iOS rounds it itself).
// Run `node scripts/make-icons.mjs` after changing favicon.svg, and commit the PNGs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.join(root, 'src', 'platform', 'web', 'static');
const svg = fs.readFileSync(path.join(staticDir, 'favicon.svg'), 'utf8');
const ACCENT = /fill="(#[0-9a-f]{6})"/i.exec(svg)?.[1] ?? '#2f6d62';
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** `inset`: the share of each side left around the mark; `bleed`: the accent fills the whole square. */
const ICONS = [
  { file: 'icon-192.png', size: 192, inset: 0, bleed: false },
  { file: 'icon-512.png', size: 512, inset: 0, bleed: false },
  // The maskable safe zone is a circle of 80% of the width; the mark's square fits inside it at ~56%.
  { file: 'icon-maskable-512.png', size: 512, inset: 0.22, bleed: true },
  { file: 'apple-touch-icon.png', size: 180, inset: 0, bleed: true },
];

const browser = await chromium.launch({ executablePath: process.env.MEND_CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of ICONS) {
    const { size, inset, bleed } = icon;
    const mark = Math.round(size * (1 - 2 * inset));
    // Full-bleed icons fill the square's rounded corners with the accent (the platform cuts its own shape).
    const body = bleed
      ? `<div style="width:${size}px;height:${size}px;background:${ACCENT};display:flex;align-items:center;justify-content:center">
           <img src="${dataUrl}" width="${mark}" height="${mark}" style="display:block"></div>`
      : `<img src="${dataUrl}" width="${size}" height="${size}" style="display:block">`;
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent;overflow:hidden">${body}</body></html>`);
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await page.screenshot({ path: path.join(staticDir, icon.file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    process.stdout.write(`wrote ${icon.file}\n`);
  }
} finally {
  await browser.close();
}
