import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import type { Diagnostic } from '../../src/diagnostics.js';
import { cpuSeconds } from '../helpers/measure.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

/**
 * Generated portfolios, random in structure, nesting and size, fed to check and build: whatever
 * comes in, licheng answers with diagnostics, never an exception, an internal error, a hang or an
 * unbounded heap. Seeded: a failure prints its seed, and LICHENG_FUZZ_SEED=… replays it.
 */
const seed = Number(process.env.LICHENG_FUZZ_SEED ?? Date.now() % 1_000_000);
console.log(`fuzz seed ${seed} (replay with LICHENG_FUZZ_SEED=${seed})`);

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(start: number) {
  let a = start >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  /** Mostly small, sometimes large: sizes where blow-ups hide. */
  const size = (small: number, large: number) => (next() < 0.85 ? 1 + int(small) : 1 + int(large));
  return { next, int, pick, size };
}
type Random = ReturnType<typeof random>;

const words = [
  '學習歷程',
  '專題實作',
  '我發現',
  '，',
  '。',
  '「引號」',
  'Python',
  'Arduino 3.3V',
  '2024',
  ' ',
  '\n',
  '🎉',
  '\u{13000}',
  '\u202e',
  '\u0007',
  '⿰',
  '&amp;',
  '&#x1F600;',
  '\\*',
  'https://example.com/a_b',
  'x'.repeat(40),
];
const marks = ['*', '_', '~', '[', ']', '`', '<', '>', '!', '|', '^', '#', '\\', '&'];

/**
 * Up to `max` copies of a piece. Inline marks (which the parser pairs) may run on unbroken; other
 * runs longer than `unbroken` are broken by spaces: one unbroken word of thousands of characters is
 * superlinear in the layout (its line breaking, a fix of its own), not what this test is about.
 */
const unbroken = 300;
const pairedMarks = /^[*_~[\]`]$/;
function run(r: Random, piece: string, max: number): string {
  const count = r.size(3, max);
  return piece.repeat(count).length <= unbroken || pairedMarks.test(piece) ? piece.repeat(count) : Array.from({ length: count }, () => piece).join(' ');
}

function inline(r: Random, depth: number): string {
  const parts: string[] = [];
  // Nested runs hold one or two parts: nesting grows deep, never wide (the input stays linear in its depth).
  for (let i = depth === 0 ? r.size(6, 60) : 1 + r.int(2); i > 0; i--) {
    const inner = () => (depth < 40 ? inline(r, depth + 1) : 'x');
    switch (r.int(14)) {
      case 0:
        parts.push(`*${inner()}*`);
        break;
      case 1:
        parts.push(`**${inner()}**`);
        break;
      case 2:
        parts.push(`~~${inner()}~~`);
        break;
      case 3:
        parts.push(`\`${r.pick(words)}\``);
        break;
      case 4:
        parts.push(`[${inner()}](${r.pick(['https://example.com', 'media/none.png', '', '<a b>', '#x'])})`);
        break;
      case 5:
        parts.push(`![${r.pick(words)}](${r.pick(['media/none.png', '../../etc/passwd', 'https://x.y/z.png', 'a b.jpg'])})`);
        break;
      case 6:
        parts.push(
          `<${r.pick(['b', 'sup', 'u', 'script', 'style', 'img src="x.png"', 'br', 'div'])}>${inner()}</${r.pick(['b', 'sup', 'script', 'style', 'div'])}>`,
        );
        break;
      case 7:
        parts.push(`[^${r.pick(['1', '2', 'note', '註'])}]`);
        break;
      case 8:
        parts.push(run(r, r.pick(marks), 3000));
        break;
      case 9:
        parts.push(run(r, r.pick(words), 2000));
        break;
      default:
        parts.push(r.pick(words));
    }
  }
  return parts.join('');
}

function block(r: Random, depth: number): string {
  const nested = () => (depth < 45 ? block(r, depth + 1) : inline(r, 0));
  switch (r.int(16)) {
    case 0:
      return `${'#'.repeat(1 + r.int(7))} ${inline(r, 0)}`;
    case 1:
      return nested()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 2:
      return `${r.pick(['-', '*', '1.', '+', '- [x]'])} ${nested().split('\n').join('\n  ')}`;
    case 3:
      return `\`\`\`${r.pick(['', 'js', 'python'])}\n${inline(r, 0)}\n${r.next() < 0.8 ? '```' : ''}`;
    case 4: {
      const columns = 1 + r.int(r.next() < 0.9 ? 4 : 30);
      const row = () => `| ${Array.from({ length: columns }, () => inline(r, 0).replace(/\n|\|/g, ' ')).join(' | ')} |`;
      return [row(), `|${'---|'.repeat(columns)}`, ...Array.from({ length: r.size(4, 200) }, row)].join('\n');
    }
    case 5:
      return r.pick(['***', '---', '___', '<div style="page-break-after: always"></div>', '\f']);
    case 6:
      return `<${r.pick(['div', 'p align="center"', 'script', 'style', 'center', 'table'])}>\n${inline(r, 0)}\n</${r.pick(['div', 'p', 'script', 'style'])}>`;
    case 7:
      return `[^${r.pick(['1', '2', 'note'])}]: ${inline(r, 0)}`;
    case 8:
      return `[${r.pick(['a', 'b'])}]: ${r.pick(['https://example.com', 'media/none.png'])}`;
    case 9:
      return depth === 0 ? Array.from({ length: r.size(3, 400) }, () => inline(r, 0)).join('\n\n') : inline(r, 0);
    case 10:
      return '---\n' + inline(r, 0) + '\n---';
    default:
      return inline(r, 0);
  }
}

const keys = [
  '成果名稱',
  '類別',
  '科目名稱',
  '學年度',
  '學期',
  '學分數',
  '授課教師',
  '簡述',
  '團隊',
  '影音檔',
  'kind',
  '種類',
  '名稱',
  '日期',
  '證明文件',
  '主辦單位',
  '報考校系',
  '未知欄位',
  '__proto__',
  'title',
];
function yamlValue(r: Random, depth: number): string {
  switch (r.int(9)) {
    case 0:
      return String(r.int(200) - 50);
    case 1:
      return r.pick(['B-1', 'B-2', 'C-5', '112', '1', '2', 'true', 'null', '~', '""', "'", '[', '{a: 1}', '&a x', '*a', '!!binary AAAA', '2024-13-45']);
    case 2:
      return JSON.stringify(inline(r, 0).slice(0, r.next() < 0.9 ? 80 : 300_000));
    case 3:
      return depth < 6 ? `\n${Array.from({ length: r.size(3, 50) }, () => `${'  '.repeat(depth + 1)}- ${yamlValue(r, depth + 1)}`).join('\n')}` : 'x';
    case 4:
      return depth < 6
        ? `\n${Array.from({ length: r.size(3, 20) }, () => `${'  '.repeat(depth + 1)}${r.pick(['姓名', '工作內容', '貢獻度', 'self', 'x'])}: ${yamlValue(r, depth + 1)}`).join('\n')}`
        : 'x';
    default:
      return r.pick(['測試成果', '國語文', '這是一段簡述。', '黃老師', '../media/none.mp4', '112', '1']);
  }
}
const frontMatter = (r: Random) => Array.from({ length: r.size(8, 40) }, () => `${r.pick(keys)}: ${yamlValue(r, 0)}`).join('\n');

/** A portfolio of one to three generated documents, and sometimes a generated portfolio.yaml. */
function portfolioFiles(r: Random): Record<string, string> {
  const files: Record<string, string> = {};
  const folders = ['courses/', 'performances/', 'statements/', ''];
  for (let i = 1 + r.int(3); i > 0; i--) {
    const body = Array.from({ length: r.size(6, 30) }, () => block(r, 0)).join(r.pick(['\n\n', '\n', '\n\n\n']));
    const text = r.next() < 0.3 ? courseMarkdown(`${sections}\n${body}`) : `${r.next() < 0.9 ? `---\n${frontMatter(r)}\n---\n\n` : ''}${body}`;
    const folder = r.pick(folders);
    files[folder === '' ? 'summary.md' : `${folder}d${i}.md`] = text;
  }
  if (r.next() < 0.2) files['portfolio.yaml'] = `學生: ${yamlValue(r, 0)}\n學校: 示範高中\n${frontMatter(r)}\n`;
  return files;
}

/** What must never come out, whatever went in. */
const internal = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === 'render-failed' || /internal/.test(d.ruleId));

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');

describe(`fuzz (seed ${seed})`, () => {
  it('check and build answer every generated portfolio with diagnostics: no exception, no internal error, no hang, a bounded heap', async () => {
    const r = random(seed);
    const budget = 6_000;
    const started = performance.now();
    let inputs = 0;
    let slowest = 0;
    let slowestRoot = '';
    while (performance.now() - started < budget || inputs < 8) {
      const files = portfolioFiles(r);
      const root = await makePortfolio(files, !('portfolio.yaml' in files));
      const built = inputs % 3 === 0;
      // Processor time: the wall clock of a loaded machine would make any input look slow.
      const { value: result, seconds } = await cpuSeconds<{ diagnostics: readonly Diagnostic[] }>(() =>
        built ? build(['.'], { cwd: root }) : check(['.'], { cwd: root }),
      );
      if (seconds * 1000 > slowest) [slowest, slowestRoot] = [seconds * 1000, root];
      expect(internal(result.diagnostics), `input ${inputs} of seed ${seed} in ${root}`).toEqual([]);
      // A failing input stays on disk to be looked at; the slowest too.
      if (root !== slowestRoot) await rm(root, { recursive: true, force: true });
      inputs++;
    }
    console.log(`fuzz: ${inputs} portfolios, slowest ${Math.round(slowest)} ms (${slowestRoot}), heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
    expect(slowest).toBeLessThan(15_000);
    expect(process.memoryUsage().heapUsed).toBeLessThan(1_500_000_000);
  }, 120_000);

  it('the CLI answers generated portfolios with an exit code of 0 or 1, never a stack trace', async () => {
    const r = random(seed + 1);
    for (let i = 0; i < 3; i++) {
      const files = portfolioFiles(r);
      const root = await makePortfolio(files, !('portfolio.yaml' in files));
      const result = spawnSync(process.execPath, [cli, i === 0 ? 'build' : 'check'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(result.stderr, `seed ${seed + 1}, input ${i} in ${root}`).not.toMatch(/internal error|內部錯誤|RangeError|FATAL|\n\s+at /);
      expect([0, 1]).toContain(result.status);
    }
  }, 120_000);
});

/** The same unit repeated n times as a course's body, after its required sections. */
async function repeated(unit: string, n: number): Promise<string> {
  return makePortfolio({ 'courses/a.md': courseMarkdown(`${sections}\n${unit.repeat(n)}`) });
}

/** CPU milliseconds of building a portfolio: steadier than wall time on a machine shared with other work. */
async function buildCpu(root: string): Promise<number> {
  const { value, seconds } = await cpuSeconds(() => build(['.'], { cwd: root }));
  expect(internal(value.diagnostics)).toEqual([]);
  return seconds * 1000;
}

describe('scaling (issues 16 and 17: minutes on small inputs)', () => {
  // Four times the input may take four times as long, not sixteen: twice that, with room for noise.
  const cases: [string, string, number][] = [
    ['page breaks', '段落。\n\n***\n\n', 200],
    ['nested links', '[連結 [內層](https://b.example)](https://a.example) 與 [^1] 文字\n\n', 200],
    ['block quotes', '> 引用\n\n段落\n\n', 50],
    ['nested lists', '- 項目\n  - 子項目\n    1. 孫項目\n\n段落\n\n', 80],
    ['bold and links in a table', '| **粗體** | *斜體*與[連結](https://example.com) |\n', 300],
    ['one long paragraph', '這是很長的段落，寫了 Arduino 與 Python。', 120],
  ];
  it.each(cases)(
    '%s: linear in build, within a time and heap budget',
    async (_name, unit, n) => {
      const small = await repeated(unit, n);
      const large = await repeated(unit, 4 * n);
      await buildCpu(small);
      const t1 = await buildCpu(small);
      const t4 = await buildCpu(large);
      expect(t4, `${n}: ${Math.round(t1)} ms, ${4 * n}: ${Math.round(t4)} ms`).toBeLessThan(8 * t1 + 500);
      expect(t4).toBeLessThan(15_000);
      expect(process.memoryUsage().heapUsed).toBeLessThan(1_500_000_000);
    },
    60_000,
  );
});
