// Draws the extension icon (media/icon.png, 256x256) from the SVG below with headless Chromium.
// Run: node scripts/make-icon.mjs   (needs Chromium: bash scripts/setup-editor.sh)
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const size = 256;
// A folded newsletter page with headline bars and a check mark: "write and check the issue".
const svg = `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f6feb"/><stop offset="1" stop-color="#0b3d91"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" fill="url(#bg)"/>
  <path d="M64 44 h100 l32 32 v136 a8 8 0 0 1 -8 8 h-124 a8 8 0 0 1 -8 -8 v-160 a8 8 0 0 1 8 -8z" fill="#ffffff"/>
  <path d="M164 44 v24 a8 8 0 0 0 8 8 h24z" fill="#c9d8f5"/>
  <rect x="76" y="74" width="72" height="14" rx="4" fill="#0b3d91"/>
  <rect x="76" y="102" width="104" height="8" rx="4" fill="#9fb3d9"/>
  <rect x="76" y="120" width="92" height="8" rx="4" fill="#9fb3d9"/>
  <rect x="76" y="138" width="100" height="8" rx="4" fill="#9fb3d9"/>
  <circle cx="174" cy="182" r="34" fill="#2ea043"/>
  <path d="M158 182 l11 12 l22 -24" fill="none" stroke="#ffffff" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: size, height: size } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator('svg').screenshot({ path: join(root, 'media', 'icon.png'), omitBackground: true });
await browser.close();
console.log('wrote media/icon.png');
