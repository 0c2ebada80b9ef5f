import type { Image, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { Position } from '../diagnostics.js';

/** `![alt](path with spaces "title")`: what Markdown leaves as text when a phone photo's name has a space. */
const looseImage = /!\[([^\]\n]*)\]\(<?([^)<>\n]*?\s[^)<>\n]*?)>?(?:\s+"([^"\n]*)")?\)/g;

/**
 * Images Markdown did not recognise because their path has a space (`IMG 0012.jpg`) become the images
 * they obviously are, so they are checked and typeset instead of printed as `![…](…)`; each is
 * returned with its position, for a warning that says how to write it.
 */
export function looseImages(tree: Root): { place: Position; url: string }[] {
  const found: { place: Position; url: string }[] = [];
  const visit = (parent: Parent) => {
    for (let i = 0; i < parent.children.length; i++) {
      const node = parent.children[i]!;
      if ('children' in node) visit(node as Parent);
      if (node.type !== 'text' || !node.value.includes('![')) continue;
      const pieces = split(node, found);
      if (pieces.length > 1 || pieces[0] !== node) {
        parent.children.splice(i, 1, ...(pieces as never[]));
        i += pieces.length - 1;
      }
    }
  };
  visit(tree);
  return found;
}

function split(node: Text, found: { place: Position; url: string }[]): PhrasingContent[] {
  const pieces: PhrasingContent[] = [];
  const start = node.position?.start ?? { line: 1, column: 1 };
  /** The file position of an index into the text (its value holds the source's line breaks). */
  const at = (index: number) => {
    const before = node.value.slice(0, index);
    const breaks = before.match(/\n/g)?.length ?? 0;
    return { line: start.line + breaks, column: breaks ? index - before.lastIndexOf('\n') : start.column + index };
  };
  const text = (from: number, to: number): Text => ({ type: 'text', value: node.value.slice(from, to), position: { start: at(from), end: at(to) } });
  let last = 0;
  for (const match of node.value.matchAll(looseImage)) {
    const end = match.index + match[0].length;
    if (match.index > last) pieces.push(text(last, match.index));
    const url = match[2]!.trim();
    const image: Image = { type: 'image', url, alt: match[1]!, title: match[3] ?? null, position: { start: at(match.index), end: at(end) } };
    pieces.push(image);
    found.push({ place: at(match.index), url });
    last = end;
  }
  if (last === 0) return [node];
  if (last < node.value.length) pieces.push(text(last, node.value.length));
  return pieces;
}
