import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** A level-2 section of a document body; `id` is set when its heading is a known alias. */
export interface Section<Id extends string = string> {
  id: Id | undefined;
  heading: Heading | undefined;
  title: string;
  nodes: RootContent[];
}

/** Splits a body at its level-1/2 headings; content before the first heading is an untitled section. */
export function splitSections<Id extends string>(tree: Root, aliases: Record<Id, readonly string[]>): Section<Id>[] {
  const lookup = new Map<string, Id>();
  for (const [id, names] of Object.entries(aliases) as [Id, readonly string[]][]) for (const name of names) lookup.set(normalizeHeading(name), id);
  const sections: Section<Id>[] = [];
  let current: Section<Id> = { id: undefined, heading: undefined, title: '', nodes: [] };
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      if (current.heading || current.nodes.length > 0) sections.push(current);
      const title = toString(node).trim();
      current = { id: lookup.get(normalizeHeading(title)), heading: node, title, nodes: [] };
    } else {
      current.nodes.push(node);
    }
  }
  if (current.heading || current.nodes.length > 0) sections.push(current);
  return sections;
}

/**
 * 「一、心得與反思」, "3. 心得", "心得與反思：" all name the same section; so does a heading with
 * an invisible zero-width character, or a look-alike pasted from a PDF (the Kangxi radical ⼼
 * U+2F3C for 心, a compatibility ideograph): NFKC folds those onto the ideographs typed.
 */
function normalizeHeading(title: string): string {
  return title
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200F\u2060-\u2064\uFE00-\uFE0F\uFEFF]/gu, '')
    .replace(/^[\s(（]*([一二三四五六七八九十]+|\d+)[、.．)）\s]+/u, '')
    .replace(/[\s：:]+$/u, '')
    .trim();
}
