import type { Nodes } from 'mdast';
import { visit as visitYaml } from 'yaml';
import type { Position } from '../../diagnostics.js';
import type { FrontMatter } from '../../read/read-source.js';
import { rule } from '../rule.js';

/** The prompts licheng's templates leave for the student to replace. */
export const prompt = /（請(改寫|填寫)[：:]?/u;

export interface PromptLeft {
  place: Position;
  text: string;
  /** The value's key, for YAML (`學校`). */
  key?: string;
}

/** Template prompts still among a YAML file's values, in file order. */
export function yamlPrompts(frontMatter: FrontMatter): PromptLeft[] {
  const found: PromptLeft[] = [];
  visitYaml(frontMatter.document, {
    Pair(_, pair) {
      const value = pair.value as { value?: unknown; range?: [number, number, number] } | null;
      if (typeof value?.value === 'string' && prompt.test(value.value) && value.range) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        found.push({ place: frontMatter.position(value.range[0]), text: value.value.slice(0, 20), key: typeof key === 'string' ? key : undefined });
      }
    },
  });
  return found;
}

/** `（請改寫…` prompts in a document's text, in order. */
function bodyPrompts(node: Nodes, place: (node: Nodes) => Position, found: PromptLeft[] = []): PromptLeft[] {
  if ((node.type === 'text' || node.type === 'inlineCode') && prompt.test(node.value))
    found.push({ place: place(node), text: node.value.slice(node.value.search(prompt)).slice(0, 20) });
  else if ('children' in node) for (const child of node.children) bodyPrompts(child as Nodes, place, found);
  return found;
}

/**
 * A template prompt still in the text would be printed in the PDF a professor reads. One line per
 * file, at the first prompt, naming the lines of the others: a new portfolio says what is left to
 * write, not thirty times the same sentence.
 */
export const placeholders = rule(['course', 'performance', 'summary', 'statement'], { 'placeholder-left': 'warning' }, (context) => {
  const front = context.source.frontMatter ? yamlPrompts(context.source.frontMatter) : [];
  const left = [...front, ...bodyPrompts(context.document.body, (node) => context.nodePosition(node))];
  const first = left[0];
  if (first) context.report('placeholder-left', first.place, promptArgs(left));
});

/** What `placeholder-left` says of the prompts left in one file. */
export function promptArgs(left: readonly PromptLeft[]): { text: string; count: number; lines: string } {
  return { text: left[0]!.text, count: left.length, lines: left.map((p) => p.place.line).join('、') };
}
