import { describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../src/build.js';
import { pack } from '../src/pack/pack.js';
import { probe, locateFfmpeg } from '../src/media/index.js';
import { recording } from './media/fixtures.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

describe('a document’s 影音檔 in build and pack', () => {
  it('is fitted next to its PDF, listed in the manifest, and carried into the bundle', async () => {
    const root = await makePortfolio({
      'courses/talk.md': courseMarkdown(sections, { 類別: 'B-1', 影音檔: '../media/talk.wav' }),
      'targets/t.yaml': '學校: 測試大學\n系所: 電機工程系\n管道: 甄選入學\n招生學年度: 114\n項目:\n  B-1:\n    - ../courses/talk.md\n',
    });
    await mkdir(join(root, 'media'));
    await recording(join(root, 'media', 'talk.wav'), 3);
    const result = await build([root]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8'));
    const media = manifest.documents[0].media;
    expect(media).toMatchObject({ path: 'courses/talk.mp3' });
    expect(media.seconds).toBeCloseTo(3, 0);
    expect(media.bytes).toBeLessThanOrEqual(10_000_000);
    const probed = await probe(join(root, 'out', 'courses', 'talk.mp3'), await locateFfmpeg());
    expect(probed.formatName).toContain('mp3');
    expect(probed.durationSeconds).toBeCloseTo(3, 0);

    const packed = await pack([root], { cwd: root });
    expect(packed.bundles[0]!.files.map((f) => f.name)).toContain('items/B-1-1-talk.mp3');
    expect(await readFile(join(root, 'out', 'targets', 't', 'checklist.md'), 'utf8')).toContain('items/B-1-1-talk.mp3');
  });

  it('reports a media file that is not audio or video at its 影音檔 key', async () => {
    const root = await makePortfolio({ 'courses/talk.md': courseMarkdown(sections, { 影音檔: '../media/talk.mp4' }), 'media/talk.mp4': 'not a video' });
    const result = await build([root], { cwd: root });
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}`)).toEqual(['courses/talk.md:8:1 error media-unfit']);
    expect(result.portfolios[0]!.documents[0]!.pdf).toBeUndefined();
  });
});
