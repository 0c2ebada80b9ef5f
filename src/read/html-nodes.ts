import type { Image, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Position } from '../diagnostics.js';
import { offsetPosition } from './offset-position.js';

/** A `<script>` or `<style>` element left out of the document, and where its tag was. */
export interface DroppedElement {
  tag: string;
  place: Position | undefined;
}

/**
 * HTML that editors such as HackMD leave in Markdown, turned into Markdown nodes so that it is
 * checked and typeset like the rest: `<img src=…>` becomes an image (as `![alt](src)` would), and
 * other block HTML (`<p align="center">`, `<div>`, `<center>`) keeps its text and images while its
 * tags go. `<script>` and `<style>` are code for a browser, never text: they go whole, and are
 * returned to be reported. Comments stay as they are (never typeset); inline `<br>`, `<sup>`,
 * `<sub>`, `<u>` are the layout's.
 */
export function htmlToMarkdown(tree: Root): DroppedElement[] {
  const dropped: DroppedElement[] = [];
  visit(tree, dropped);
  return dropped;
}

/** Parents whose children are phrasing content: HTML there is inline. */
const phrasingParents = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);
const imgTag = /^<img\b[^>]*>$/i;
const tag = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>/g;
/** A script or style element, to its end tag or, unclosed, to the end of the HTML. */
const codeElement = /<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;
const codeOpening = /^<(script|style)\b[^>]*>$/i;

function visit(parent: Parent, dropped: DroppedElement[]): void {
  const inline = phrasingParents.has(parent.type);
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i]!;
    if (node.type !== 'html') {
      if ('children' in node) visit(node, dropped);
      continue;
    }
    const value = node.value.trim();
    if (value.startsWith('<!--')) continue;
    let replacement: RootContent[] | undefined;
    const opening = codeOpening.exec(value)?.[1]?.toLowerCase();
    if (inline && opening) {
      // Inline, the element is its opening tag, the text inside and its end tag, as siblings.
      const end = parent.children.findIndex((c, j) => j > i && c.type === 'html' && c.value.trim().toLowerCase().startsWith(`</${opening}`));
      dropped.push({ tag: opening, place: node.position?.start });
      parent.children.splice(i, (end < 0 ? parent.children.length : end + 1) - i);
      i--;
      continue;
    }
    if (inline) {
      if (imgTag.test(value)) replacement = [image(value, node)];
    } else {
      const children = blockContent(withoutCode(node.value, node, dropped).trim(), node);
      replacement = children.length > 0 ? [{ type: 'paragraph', children, position: node.position }] : [];
    }
    if (!replacement) continue;
    parent.children.splice(i, 1, ...(replacement as typeof parent.children));
    i += replacement.length - 1;
  }
}

/** Block HTML without its script and style elements, each reported at its tag. */
function withoutCode(value: string, node: RootContent, dropped: DroppedElement[]): string {
  return value.replace(codeElement, (_element, name: string, index: number) => {
    dropped.push({ tag: name.toLowerCase(), place: offsetPosition(value, index, node.position?.start) });
    return '';
  });
}

/** Text and images of a block of HTML, in order. */
function blockContent(value: string, node: RootContent): PhrasingContent[] {
  const children: PhrasingContent[] = [];
  let last = 0;
  const text = (end: number) => {
    const part = decodeEntities(value.slice(last, end));
    if (part.trim() !== '') children.push({ type: 'text', value: part.trim(), position: node.position } satisfies Text);
  };
  for (const match of value.matchAll(tag)) {
    text(match.index);
    last = match.index + match[0].length;
    if (imgTag.test(match[0])) children.push(image(match[0], node));
  }
  text(value.length);
  return children;
}

function image(tagText: string, node: RootContent): Image {
  const attributes = new Map<string, string>();
  for (const match of tagText.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attributes.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return { type: 'image', url: attributes.get('src') ?? '', alt: attributes.get('alt') ?? '', title: attributes.get('title') ?? null, position: node.position };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}
