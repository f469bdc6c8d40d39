// Renders build/icon.svg (the one source image) to build/icon.png at 1024x1024 with Debian's Chromium.
// electron-builder derives the macOS .icns and Windows .ico from that PNG. Run after editing the SVG:
//   npx tsx scripts/make-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const SIZE = 1024;

async function main(): Promise<void> {
  const svg = await readFile(path.join(root, 'build/icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true });
    await writeFile(path.join(root, 'build/icon.png'), png);
    console.log(`build/icon.png written (${SIZE}x${SIZE}, ${png.byteLength} bytes)`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
