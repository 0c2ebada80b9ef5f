import { readFileSync, statSync, type Stats } from 'node:fs';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { Root } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { htmlToMarkdown } from './html-nodes.js';
import { looseImages } from './loose-images.js';
import { confine } from './resolve-asset.js';
import { looksSlipped, yamlSlips } from './yaml-advice.js';
import { inputLimits } from '../limits.js';
import { overlayText } from './overlay.js';

/** A Markdown document as read from disk: its text, its YAML front matter with positions, its mdast. */
export interface MarkdownSource {
  path: string;
  /** Path as shown in diagnostics (relative to where the user ran licheng). */
  displayPath: string;
  text: string;
  tree: Root;
  frontMatter: FrontMatter | undefined;
}

/** Parsed YAML with a way back to file positions. */
export interface FrontMatter {
  document: Document.Parsed;
  /** 1-based file position of a YAML source offset. */
  position(offset: number): Position;
  /** Position of the whole front matter block (its opening ---). */
  start: Position;
}

/**
 * GFM finds bare URLs and e-mail addresses twice over: while parsing, every ASCII letter or digit
 * of running text starts an attempt at an e-mail address, and afterwards a search walks every text
 * node with four regular expressions (together ~1 ms of each new document, most of which have
 * none). Each kind needs `http`, `www` or `@` in the text, and a text node's characters are the
 * source's or come from a character reference (`&…;`). A source without any of these is parsed by
 * the same processor less those three constructs and that search: the tree is the same
 * (test/link-search.test.ts compares both on every example, template and fixture).
 */
const mayHoldLinks = (text: string): boolean => /http|www|@|&/i.test(text);

const literalLinks = new Set(['wwwAutolink', 'protocolAutolink', 'emailAutolink']);
type Construct = { name?: string };
type Extension = Record<string, unknown> & { enter?: Record<string, unknown>; transforms?: unknown[] };

/** A syntax extension's hooks (by character code) without the bare-link constructs. */
function withoutLinkSyntax(extension: Record<string, unknown>): Record<string, unknown> {
  const hooks = (map: unknown): unknown => {
    if (!map || typeof map !== 'object' || Array.isArray(map)) return map;
    const kept: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(map)) {
      const constructs = ([] as Construct[]).concat(value as Construct | Construct[]).filter((construct) => !literalLinks.has(construct.name ?? ''));
      if (constructs.length > 0) kept[code] = Array.isArray(value) ? constructs : constructs[0];
    }
    return kept;
  };
  return Object.fromEntries(Object.entries(extension).map(([field, map]) => [field, hooks(map)]));
}

/** Parses as remark-gfm does, less its bare-link syntax and search: for a source that cannot hold a bare link. */
function gfmWithoutBareLinks(this: Processor): void {
  const data = this.data() as Record<string, unknown[] | undefined>;
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => withoutLinkSyntax(extension as Record<string, unknown>));
  const withoutSearch = (extension: Extension | Extension[]): Extension | Extension[] =>
    Array.isArray(extension)
      ? extension.map((one) => withoutSearch(one) as Extension)
      : extension.enter?.literalAutolink
        ? { ...extension, transforms: [] }
        : extension;
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) => withoutSearch(extension as Extension));
}

const markdownProcessor = (bareLinks: boolean) =>
  unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(bareLinks ? [] : [gfmWithoutBareLinks])
    .use(remarkCjkFriendly);
const markdown = markdownProcessor(true);
const markdownWithoutBareLinks = markdownProcessor(false);

export interface ReadResult<T> {
  source?: T;
  diagnostics: Diagnostic[];
}

function statOrError(path: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(path);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * Reads bytes as text: UTF-8, or UTF-16 with a byte-order mark (Notepad's "Unicode"); refuses
 * large, binary and other encodings; strips a BOM, normalises CRLF.
 */
export async function readText(path: string, displayPath: string): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  const unsaved = overlayText(path);
  if (unsaved !== undefined) return unsavedText(unsaved, displayPath);
  let bytes: Buffer;
  // Read on this thread: a source is a few kB, read sooner than the four thread-pool round trips of
  // an asynchronous read come back (a build's two documents in flight both waited on them).
  // A named pipe or a device would be read forever (a folder fails to read, with its own reason).
  const info = statOrError(path);
  if (!(info instanceof Error) && !info.isFile() && !info.isDirectory())
    return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-unreadable', { reason: 'not-file' })] };
  try {
    if (info instanceof Error) throw info;
    if (info.size > inputLimits.fileMaxBytes)
      return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-too-large', { bytes: info.size, max: inputLimits.fileMaxBytes })] };
    bytes = readFileSync(path);
  } catch (error) {
    return {
      diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-unreadable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) })],
    };
  }
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (!utf16 && bytes.subarray(0, 8000).includes(0)) {
    return {
      diagnostics: [
        looksUtf16(bytes.subarray(0, 8000))
          ? diagnostic(displayPath, undefined, 'error', 'file-encoding', { encoding: 'UTF-16' })
          : diagnostic(displayPath, undefined, 'error', 'file-binary'),
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-encoding', utf16 ? { encoding: 'UTF-16' } : {})] };
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-empty')] };
  return { text: text.replace(/\r\n?/g, '\n'), diagnostics: [] };
}

/** An editor's unsaved text: already decoded, held to the same size and emptiness rules as a file. */
function unsavedText(text: string, displayPath: string): { text?: string; diagnostics: Diagnostic[] } {
  const bytes = Buffer.byteLength(text);
  if (bytes > inputLimits.fileMaxBytes)
    return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-too-large', { bytes, max: inputLimits.fileMaxBytes })] };
  if (text.trim() === '') return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-empty')] };
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), diagnostics: [] };
}

/**
 * UTF-16 without a byte-order mark: the zero bytes of its ASCII characters (keys, `---`, line
 * breaks) all fall on one side of each byte pair; in binary files they fall on both.
 */
function looksUtf16(head: Buffer): boolean {
  const zeros = [0, 0];
  head.forEach((byte, i) => {
    if (byte === 0) zeros[i % 2]!++;
  });
  const [even, odd] = zeros as [number, number];
  return Math.max(even, odd) > head.length / 64 && Math.min(even, odd) < Math.max(even, odd) / 4;
}

export function parseYaml(yaml: string, displayPath: string, firstLine: number): { frontMatter: FrontMatter; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const position = (offset: number): Position => {
    const p = lineCounter.linePos(Math.min(offset, yaml.length));
    return { line: p.line + firstLine - 1, column: p.col };
  };
  const slips = document.errors.length > 0 || looksSlipped(document) ? yamlSlips(yaml) : [];
  const diagnostics = slips.length
    ? slips.map((slip) => diagnostic(displayPath, position(slip.offset), 'error', 'yaml-syntax', { cause: slip.cause, key: slip.key, value: slip.value }))
    : document.errors
        .filter((error, i, all) => all.findIndex((e) => e.pos[0] === error.pos[0]) === i)
        .map((error) =>
          diagnostic(displayPath, position(error.pos[0]), 'error', 'yaml-syntax', {
            cause: parserCause(yaml, error),
            reason: error.message.split('\n')[0] ?? error.code,
          }),
        );
  return { frontMatter: { document, position, start: { line: Math.max(1, firstLine - 1), column: 1 } }, diagnostics };
}

/** The parser's code, except that a "nested mapping" on a line with one colon is the next line's indent. */
function parserCause(yaml: string, error: YAMLError): string {
  const line = yaml.slice(yaml.lastIndexOf('\n', error.pos[0] - 1) + 1).split('\n')[0]!;
  return error.code === 'BLOCK_AS_IMPLICIT_KEY' && line.split(': ').length < 3 ? 'BAD_INDENT' : error.code;
}

/** Markdown text (read from disk or generated from a template) as a source: front matter split off. */
export function parseMarkdown(text: string, path: string, displayPath: string): { source: MarkdownSource; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tree = (mayHoldLinks(text) ? markdown : markdownWithoutBareLinks).parse(text) as Root;
  for (const { tag, place } of htmlToMarkdown(tree)) diagnostics.push(diagnostic(displayPath, place, 'warning', 'html-code-dropped', { tag }));
  for (const { place, url } of looseImages(tree)) diagnostics.push(diagnostic(displayPath, place, 'warning', 'image-path-space', { path: url }));
  const first = tree.children[0];
  let frontMatter: FrontMatter | undefined;
  if (first?.type === 'yaml' && first.position) {
    const parsed = parseYaml(first.value, displayPath, first.position.start.line + 1);
    frontMatter = parsed.frontMatter;
    diagnostics.push(...parsed.diagnostics);
    tree.children.shift();
  } else if (/^---[ \t]*\n/.test(text)) {
    diagnostics.push(diagnostic(displayPath, { line: 1, column: 1 }, 'error', 'front-matter-unclosed'));
  }
  return { source: { path, displayPath, text, tree, frontMatter }, diagnostics };
}

/** A YAML file; with `root`, one that is a link leading out of the portfolio is not read. */
export async function readYamlFile(path: string, displayPath: string, root?: string): Promise<ReadResult<FrontMatter>> {
  const confined = root ? confine(path, root) : undefined;
  if (confined && 'problem' in confined && confined.problem === 'outside')
    return { diagnostics: [diagnostic(displayPath, undefined, 'error', 'file-unreadable', { reason: 'outside' })] };
  const { text, diagnostics } = await readText(path, displayPath);
  if (text === undefined) return { diagnostics };
  const parsed = parseYaml(text, displayPath, 1);
  return { source: parsed.frontMatter, diagnostics: [...diagnostics, ...parsed.diagnostics] };
}

/** A YAML node's position, or the fallback when the node has no range. */
export function nodePosition(frontMatter: FrontMatter, node: YamlNode | null | undefined, fallback: Position): Position {
  return node?.range ? frontMatter.position(node.range[0]) : fallback;
}

export { isMap, isScalar, isSeq };
