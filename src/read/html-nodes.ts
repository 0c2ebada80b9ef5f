import type { Image, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';

/**
 * HTML that editors such as HackMD leave in Markdown, turned into Markdown nodes so that it is
 * checked and typeset like the rest: `<img src=…>` becomes an image (as `![alt](src)` would), and
 * other block HTML (`<p align="center">`, `<div>`, `<center>`) keeps its text and images while its
 * tags go. Comments stay as they are (never typeset); inline `<br>`, `<sup>`, `<sub>`, `<u>` are
 * the layout's.
 */
export function htmlToMarkdown(tree: Root): void {
  visit(tree);
}

/** Parents whose children are phrasing content: HTML there is inline. */
const phrasingParents = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);
const imgTag = /^<img\b[^>]*>$/i;
const tag = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>/g;

function visit(parent: Parent): void {
  const inline = phrasingParents.has(parent.type);
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i]!;
    if (node.type !== 'html') {
      if ('children' in node) visit(node);
      continue;
    }
    const value = node.value.trim();
    if (value.startsWith('<!--')) continue;
    let replacement: RootContent[] | undefined;
    if (inline) {
      if (imgTag.test(value)) replacement = [image(value, node)];
    } else {
      const children = blockContent(value, node);
      replacement = children.length > 0 ? [{ type: 'paragraph', children, position: node.position }] : [];
    }
    if (!replacement) continue;
    parent.children.splice(i, 1, ...(replacement as typeof parent.children));
    i += replacement.length - 1;
  }
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
