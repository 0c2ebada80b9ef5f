import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePortfolio } from '../helpers/portfolio.js';

const repo = join(import.meta.dirname, '..', '..');
const example = join(repo, 'examples', 'portfolio');
const documents = join(repo, 'test', 'visual', 'documents');
const cli = join(repo, 'dist', 'licheng', 'main.cjs');

/** The reference documents: the example's course outcome with photos, and the ones in test/visual/documents. */
export const referenceNames = ['smart-watering', 'float', 'tables', 'code-notes'] as const;
export type ReferenceName = (typeof referenceNames)[number];

/** Builds the reference documents with the real CLI into a temp portfolio: each PDF's path, and what the CLI printed. */
export async function buildReferences(): Promise<{ pdfs: Record<ReferenceName, string>; output: string }> {
  const files: Record<string, string | Buffer> = {
    'portfolio.yaml': await readFile(join(example, 'portfolio.yaml')),
    'courses/smart-watering.md': await readFile(join(example, 'courses', 'smart-watering.md')),
  };
  for (const name of referenceNames.slice(1)) files[`courses/${name}.md`] = await readFile(join(documents, `${name}.md`));
  const root = await makePortfolio(files, false);
  await mkdir(join(root, 'media'));
  for (const image of ['watering-system.jpg', 'team-discussion.jpg', 'moisture-chart.png'])
    await copyFile(join(example, 'media', image), join(root, 'media', image));
  const result = spawnSync(process.execPath, [cli, 'build', '.'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed: ${result.stdout}${result.stderr}`);
  const pdfs = Object.fromEntries(referenceNames.map((name) => [name, join(root, 'out', 'courses', `${name}.pdf`)])) as Record<ReferenceName, string>;
  return { pdfs, output: result.stdout + result.stderr };
}
