import type { Definition, Nodes, Root } from 'mdast';
import type { Position } from '../diagnostics.js';

/** The definitions (`[id]: url`) of a Markdown tree, by identifier. */
export function collectDefinitions(tree: Root): Map<string, Definition> {
  const map = new Map<string, Definition>();
  const visit = (node: Nodes) => {
    if (node.type === 'definition') map.set(node.identifier, node);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return map;
}

/** Every image URL written in these nodes, in order. */
export function imageUrls(nodes: readonly Nodes[], definitions: ReadonlyMap<string, Definition>): { url: string; node: Nodes }[] {
  const found: { url: string; node: Nodes }[] = [];
  const visit = (node: Nodes) => {
    if (node.type === 'image') found.push({ url: node.url, node });
    if (node.type === 'imageReference') {
      const definition = definitions.get(node.identifier);
      if (definition) found.push({ url: definition.url, node });
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  nodes.forEach(visit);
  return found;
}

/** An image or evidence file named in a document, and where it is named. */
export interface AssetRef {
  url: string;
  place: Position | undefined;
}

/** The images written in Markdown, at their nodes. */
export function markdownImageRefs(tree: Root, definitions: ReadonlyMap<string, Definition>): AssetRef[] {
  return imageUrls(tree.children, definitions).map(({ url, node }) => ({
    url,
    place: node.position ? { line: node.position.start.line, column: node.position.start.column } : undefined,
  }));
}
