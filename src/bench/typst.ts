import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/**
 * The Typst baseline of issue #14: the bench's course outcome written as an equivalent Typst
 * document (title block, table of fields, summary box, three sections with a list and a table,
 * running header and page numbers), set in the same Noto Sans TC, compiled by typst.ts's Node
 * compiler (a dev dependency, loaded only here).
 */
const require = createRequire(import.meta.url);

export interface TypstCompiler {
  pdf(args: { mainFileContent: string }): Buffer;
}

/** A compiler with the body face loaded from memory (no system fonts are looked up). */
export function typstCompiler(): TypstCompiler {
  const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler') as { NodeCompiler: { create(args: object): TypstCompiler } };
  const face = (weight: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-sans-tc/${weight}/NotoSansTC_${weight}.ttf`));
  return NodeCompiler.create({ fontArgs: [{ fontBlobs: [face('400Regular'), face('700Bold')] }] });
}

/** Text as Typst markup: its markup characters escaped, `**strong**` as Typst's `*strong*`. */
function inline(text: string): string {
  return text
    .split('**')
    .map((part) => part.replace(/[\\#*_`$<>@[\]~]/g, (c) => `\\${c}`))
    .map((part, i) => (i % 2 ? `*${part}*` : part))
    .join('');
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** The body of a bench course outcome (fixtures.ts) as Typst markup. */
function body(markdown: string): string {
  const out: string[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('### ')) out.push(`=== ${inline(line.slice(4))}`);
    else if (line.startsWith('## ')) out.push(`== ${inline(line.slice(3))}`);
    else if (/^\d+\. /.test(line)) out.push(`+ ${inline(line.replace(/^\d+\. /, ''))}`);
    else if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.startsWith('|'); i++) if (!/^\|[\s:|-]+\|$/.test(lines[i]!)) rows.push(cells(lines[i]!));
      i--;
      const [head, ...rest] = rows;
      out.push(
        `#table(columns: ${head!.length}, stroke: 0.6pt + rgb("#c9d1d9"), inset: (x: 6pt, y: 4pt), align: (x, y) => if x == 1 { right } else { left }, fill: (x, y) => if y == 0 { rgb("#eef2f7") },`,
        `  table.header(${head!.map((c) => `[*${inline(c)}*]`).join(', ')}),`,
        ...rest.map((row) => `  ${row.map((c) => `[${inline(c)}]`).join(', ')},`),
        ')',
      );
    } else out.push(inline(line));
  }
  return out.join('\n');
}

/** A whole Typst document for one course outcome of the bench, as licheng lays it out. */
export function typstSource(markdown: string, student = '林語彤', school = '臺北市立示範高級工業職業學校'): string {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  const meta = (parseYaml(match?.[1] ?? '') ?? {}) as Record<string, unknown>;
  const field = (key: string) => inline(String(meta[key] ?? '—'));
  return `#set page(paper: "a4", margin: (top: 64pt, bottom: 56pt, x: 56pt),
  header: [#set text(8.5pt, fill: rgb("#656d76")); ${inline(student)}・${inline(school)} #h(1fr) ${field('成果名稱')} #v(-6pt) #line(length: 100%, stroke: 0.5pt + rgb("#c9d1d9"))],
  footer: context [#set text(8.5pt, fill: rgb("#656d76")); #align(center)[第 #counter(page).display() 頁／共 #counter(page).final().first() 頁]])
#set text(font: "Noto Sans TC", size: 10.5pt, lang: "zh", region: "tw", fill: rgb("#1f2328"))
#set par(justify: true, leading: 0.95em, spacing: 12pt)
#show heading.where(level: 2): set text(13.5pt, fill: rgb("#1d4e89"))
#show heading.where(level: 3): set text(12pt, fill: rgb("#1d4e89"))
#text(9.5pt, weight: "bold", fill: rgb("#1d4e89"))[課程學習成果・${field('類別')}]

#text(19pt, weight: "bold")[${field('成果名稱')}]
#table(columns: (auto, 1fr, auto, 1fr), stroke: 0.6pt + rgb("#c9d1d9"), inset: (x: 6pt, y: 4pt),
  [學年度／學期], [${field('學年度')} 學年度第 ${field('學期')} 學期], [科目名稱], [${field('科目名稱')}],
  [學分數], [${field('學分數')} 學分], [授課教師], [${field('授課教師')}])
#block(fill: rgb("#eef2f7"), inset: 8pt, stroke: (left: 2.5pt + rgb("#1d4e89")), width: 100%)[#text(9.5pt, weight: "bold", fill: rgb("#656d76"))[簡述] \\ ${field('簡述')}]
${body(markdown.slice(match?.[0].length ?? 0))}
`;
}
