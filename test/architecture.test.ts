import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/**
 * The pipeline flows one way: read → model → check → layout → emit → pack/scaffold/build →
 * batch → cli, with typeset (paragraphs into lines) just before layout. The editor services sit below the CLI: lsp (on build, check and pack), then studio
 * (on lsp) and the job queue (on batch). A module may import its own stage, an earlier one, or the shared infrastructure
 * (src/infra/ and src/*.ts that belong to no stage), never a later stage; infrastructure imports no stage.
 * media/ (fitting files under caps with sharp and ffmpeg) knows nothing of portfolios and imports only
 * infrastructure: every stage may use it (check probes media, layout encodes images, emit fits them).
 */
const src = join(import.meta.dirname, '..', 'src');
const folderRank: Record<string, number> = {
  infra: 0,
  media: 0.5,
  read: 1,
  model: 2,
  check: 3,
  layout: 4,
  emit: 5,
  pack: 7,
  scaffold: 7,
  schema: 7,
  typeset: 3.5,
  batch: 8,
  lsp: 8.2,
  queue: 8.5,
  studio: 8.5,
  cli: 9,
  bench: 10,
};
const fileRank: Record<string, number> = { 'discover.ts': 2, 'build-document.ts': 6, 'build.ts': 7, 'build-worker.ts': 7, 'check.ts': 7, 'index.ts': 9 };

/** A module's stage and its place in the flow (0: shared infrastructure). */
function stageOf(file: string): { stage: string; rank: number } {
  const [first, ...rest] = file.split('/');
  if (rest.length) return { stage: first!, rank: folderRank[first!] ?? 0 };
  return { stage: first!, rank: fileRank[first!] ?? 0 };
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** A module as `path` (under src/, with `/`) and its source text. */
interface Module {
  path: string;
  text: string;
}

/** Imports that load code (`import type` loads nothing), static and dynamic, as `from -> to` paths under src/. */
function backEdges(modules: readonly Module[]): string[] {
  const found: string[] = [];
  for (const { path, text } of modules) {
    const specifiers = [...text.matchAll(/^(?:import|export)(?! type)[^;]*?from '(\.[^']+)'/gm), ...text.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => m[1]!);
    for (const specifier of specifiers) {
      const target = posix.normalize(posix.join(posix.dirname(path), specifier.replace(/\.js$/, '.ts')));
      const from = stageOf(path);
      const to = stageOf(target);
      if (from.stage !== to.stage && (to.rank > from.rank || (from.rank === 0 && to.rank > 0))) found.push(`${path} -> ${target}`);
    }
  }
  return found.sort();
}

const tree = (): Module[] => sources(src).map((file) => ({ path: relative(src, file).split(sep).join('/'), text: readFileSync(file, 'utf8') }));

describe('stages flow one way', () => {
  it('has no back edge', () => {
    expect(backEdges(tree())).toEqual([]);
  });

  it('finds a back edge: a later stage, infrastructure importing a stage, a dynamic import; not a type import', () => {
    const modules: Module[] = [
      { path: 'layout/a.ts', text: "import { renderPdf } from '../emit/pdf-engine.js';\nimport type { Theme } from '../emit/theme.js';\n" },
      { path: 'infra/b.ts', text: "import { parseMarkdown } from '../read/read-source.js';\nimport { onInterrupt } from './interrupt.js';\n" },
      { path: 'check/c.ts', text: "const m = await import('../pack/pack.js');\nimport { limits } from '../limits.js';\n" },
      { path: 'emit/d.ts', text: "import { layoutDocument } from '../layout/content.js';\nimport { fitMedia } from '../media/index.js';\n" },
    ];
    expect(backEdges(modules)).toEqual(['check/c.ts -> pack/pack.ts', 'infra/b.ts -> read/read-source.ts', 'layout/a.ts -> emit/pdf-engine.ts']);
  });
});
