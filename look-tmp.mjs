import puppeteer from 'puppeteer-core';
import { mkdtempSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startStudio } from './dist/studio/server.js';
const root = join(mkdtempSync(join(tmpdir(), 'look-')), 'portfolio');
cpSync('examples/portfolio', root, { recursive: true });
const studio = await startStudio({ root, lang: 'zh' });
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', pipe: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.log('pageerror:', e.message));
page.on('console', (m) => m.type() === 'error' || m.type() === 'warn' ? console.log('console:', m.text()) : undefined);
await page.setViewport({ width: 1366, height: 768 });
await page.goto(studio.url);
await page.waitForSelector('button.file[data-path="courses/smart-watering.md"]');
await page.click('button.file[data-path="courses/smart-watering.md"]');
await page.waitForSelector('.preview canvas', { timeout: 60000 });
await new Promise((r) => setTimeout(r, 3000));
await page.screenshot({ path: '/tmp/look8.png' });
// completion: new line in front matter
await page.click('.cm-content');
await page.keyboard.down('Control'); await page.keyboard.press('Home'); await page.keyboard.up('Control');
await page.keyboard.press('ArrowDown'); await page.keyboard.press('End'); await page.keyboard.press('Enter');
await page.keyboard.type('學');
await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 3000 }).catch(() => console.log('no completion on typing'));
await page.keyboard.down('Control'); await page.keyboard.press('Space'); await page.keyboard.up('Control');
await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 5000 }).catch(() => console.log('no completion on ctrl-space'));
await page.screenshot({ path: '/tmp/look9.png' });
await page.keyboard.press('Escape');
await page.keyboard.press('Backspace'); await page.keyboard.press('Backspace');
// hover on a key
const key = await page.$('.cm-line:nth-child(3)');
const box = await key.boundingBox();
await page.mouse.move(box.x + 15, box.y + box.height / 2);
await page.waitForSelector('.cm-tooltip-hover', { timeout: 5000 }).catch(() => console.log('no hover'));
await page.screenshot({ path: '/tmp/look10.png' });
// pack
const pack = await page.$('button.pack');
if (pack) { await pack.click(); await page.waitForFunction(() => document.querySelector('.target .result .result'), { timeout: 120000 }).catch(() => console.log('no pack result')); }
await page.screenshot({ path: '/tmp/look11.png' });
console.log(await page.$eval('.targets', (e) => e.innerText).catch(() => 'no targets'));
await browser.close(); await studio.close();
