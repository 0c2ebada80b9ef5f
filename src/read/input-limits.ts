import type { Nodes, Root } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { inputLimits } from '../limits.js';

/**
 * Input beyond `inputLimits`, found in one linear pass before the stage it would slow down or
 * crash: micromark recurses once per nested container, pairs emphasis marks at a cost that grows
 * with their square, and ends each block quote with an edit of every event before it; pdfmake
 * lays out a long paragraph in more than linear time.
 */
export function textLimitProblems(text: string, displayPath: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const frontMatter = /^---[ \t]*\n[\s\S]*?\n---[ \t]*(?:\n|$)/.exec(text);
  const bodyStart = frontMatter ? frontMatter[0].length : 0;
  // The body's first line with text, where a student looks for it.
  const leading = /^\s*\n/.exec(text.slice(bodyStart, bodyStart + 1000))?.[0] ?? '';
  const firstLine = frontMatter ? frontMatter[0].split('\n').length : 1;
  const bodyLine = firstLine + leading.split('\n').length - 1;
  const chars = codePoints(text, bodyStart, text.length);
  if (chars > inputLimits.bodyMaxChars) {
    problems.push(diagnostic(displayPath, { line: bodyLine, column: 1 }, 'error', 'body-too-long', { count: chars, max: inputLimits.bodyMaxChars }));
    return problems;
  }
  let block = { line: 0, chars: 0, marks: 0 };
  let fence: string | undefined;
  let quotes = 0;
  let inQuote = false;
  const endBlock = () => {
    if (block.chars > inputLimits.paragraphMaxChars)
      problems.push(
        diagnostic(displayPath, { line: block.line, column: 1 }, 'error', 'paragraph-too-long', { count: block.chars, max: inputLimits.paragraphMaxChars }),
      );
    else if (block.marks > inputLimits.paragraphMaxMarks)
      problems.push(
        diagnostic(displayPath, { line: block.line, column: 1 }, 'error', 'paragraph-too-many-marks', {
          count: block.marks,
          max: inputLimits.paragraphMaxMarks,
        }),
      );
    block = { line: 0, chars: 0, marks: 0 };
  };
  let line = firstLine;
  for (let start = bodyStart; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(start, end);
    start = end + 1;
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(content)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      continue;
    }
    if (opening) {
      endBlock();
      fence = opening;
      continue;
    }
    const { depth, quoted, item } = containers(content);
    if (depth > inputLimits.nestingMaxDepth) {
      problems.push(diagnostic(displayPath, { line, column: 1 }, 'error', 'nesting-too-deep', { max: inputLimits.nestingMaxDepth }));
      return problems;
    }
    if (quoted && !inQuote && ++quotes > inputLimits.quoteMaxCount) {
      problems.push(diagnostic(displayPath, { line, column: 1 }, 'error', 'quotes-too-many', { max: inputLimits.quoteMaxCount }));
      return problems;
    }
    inQuote = quoted;
    // A blank line ends a paragraph; a list item starts one; a table row's cells are parsed apart.
    if (content.trim() === '' || item || content.includes('|')) endBlock();
    if (content.trim() === '') continue;
    if (block.line === 0) block.line = line;
    block.chars += codePoints(content, 0, content.length);
    block.marks += marks(content);
    if (content.includes('|')) endBlock();
  }
  endBlock();
  return problems;
}

/** Block quote and list markers opening a line (`> > - 1. text`): each one more level. */
function containers(line: string): { depth: number; quoted: boolean; item: boolean } {
  const marker = /[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;
  let depth = 0;
  let quoted = false;
  let item = false;
  for (let found = marker.exec(line); found; found = marker.exec(line)) {
    depth++;
    quoted ||= found[0].endsWith('>');
    item ||= !found[0].endsWith('>');
  }
  return { depth, quoted, item };
}

const markChars = new Set(['*', '_', '~', '[', ']', '`']);
function marks(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) if (markChars.has(line[i]!)) count++;
  return count;
}

function codePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) count++;
  }
  return count;
}

/** Nodes that nest: a list inside a list, emphasis inside emphasis, a link inside a quote. */
const nesting = new Set(['blockquote', 'list', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition']);

/** The first node nested deeper than the limit, found without recursion (the tree may be deep). */
export function treeLimitProblems(tree: Root, displayPath: string): Diagnostic[] {
  const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth: outer } = stack.pop()!;
    const depth = outer + (nesting.has(node.type) ? 1 : 0);
    if (depth > inputLimits.nestingMaxDepth) {
      const place = node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined;
      return [diagnostic(displayPath, place, 'error', 'nesting-too-deep', { max: inputLimits.nestingMaxDepth })];
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, depth });
  }
  return [];
}
