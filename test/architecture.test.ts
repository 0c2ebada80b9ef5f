import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * The pipeline flows one way: read → model → check → layout → emit → media → pack/scaffold/build →
 * batch → cli, with typeset (paragraphs into lines) just before layout. The editor services sit below the CLI: lsp (on build, check and pack), then studio
 * (on lsp) and the job queue (on batch). A module may import its own stage, an earlier one, or the shared infrastructure
 * (src/*.ts that belong to no stage), never a later stage; infrastructure imports no stage.
 */
const src = join(import.meta.dirname, '..', 'src');
const folderRank: Record<string, number> = { read: 1, model: 2, check: 3, layout: 4, emit: 5, media: 6, pack: 7, scaffold: 7, schema: 7, typeset: 3.5, batch: 8, lsp: 8.2, queue: 8.5, studio: 8.5, cli: 9, bench: 10 };
const fileRank: Record<string, number> = { 'discover.ts': 2, 'build-document.ts': 6, 'build.ts': 7, 'build-worker.ts': 7, 'check.ts': 7, 'index.ts': 9 };

/** A module's stage and its place in the flow (0: shared infrastructure). */
function stageOf(file: string): { stage: string; rank: number } {
  const [first, ...rest] = relative(src, file).split(sep);
  if (rest.length) return { stage: first!, rank: folderRank[first!] ?? 0 };
  return { stage: first!, rank: fileRank[first!] ?? 0 };
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

/** Imports that load code (`import type` loads nothing), static and dynamic, as `from -> to` paths under src/. */
function backEdges(): string[] {
  const found: string[] = [];
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^(?:import|export)(?! type)[^;]*?from '(\.[^']+)'/gm), ...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]!);
    for (const specifier of specifiers) {
      const target = normalize(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      const from = stageOf(file);
      const to = stageOf(target);
      if (from.stage !== to.stage && (to.rank > from.rank || (from.rank === 0 && to.rank > 0))) {
        found.push(`${relative(src, file).split(sep).join('/')} -> ${relative(src, target).split(sep).join('/')}`);
      }
    }
  }
  return found.sort();
}

/**
 * Back edges that exist today, each to be removed by moving the shared part into infrastructure
 * (image probing, font metrics, the worker pool). The list only shrinks: a new back edge fails, and
 * so does an entry that no longer exists (remove it).
 */
const knownBackEdges = [
  'build.ts -> batch/pool.ts',
  'build.ts -> batch/protocol.ts',
  'check/rules/assets.ts -> emit/append-pdf.ts',
  'check/rules/assets.ts -> layout/images.ts',
  'check/rules/assets.ts -> layout/markdown.ts',
  'check/rules/assets.ts -> media/index.ts',
  'check/rules/essay-limits.ts -> layout/markdown.ts',
  'check/target-rules.ts -> emit/append-pdf.ts',
  'check/target-rules.ts -> layout/images.ts',
  'check/target-rules.ts -> layout/markdown.ts',
  'emit/fit-document-media.ts -> media/index.ts',
  'emit/fit-document-media.ts -> media/media-cache.ts',
  'layout/content.ts -> emit/pdf-engine.ts',
  'layout/image-quality.ts -> media/encode-image.ts',
  'layout/image-quality.ts -> media/fit-image.ts',
  'layout/image-quality.ts -> media/media-cache.ts',
  'layout/images.ts -> media/encode-image.ts',
  'layout/images.ts -> media/media-cache.ts',
  'layout/images.ts -> media/sniff.ts',
  'layout/measure.ts -> emit/pdf-engine.ts',
  'layout/theme-for.ts -> emit/pdf-engine.ts',
];

describe('stages flow one way', () => {
  it('has no back edge beyond the known ones, and every known one still exists', () => {
    expect(backEdges()).toEqual(knownBackEdges);
  });
});
