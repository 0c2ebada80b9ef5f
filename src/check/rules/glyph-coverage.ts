import type { Nodes } from 'mdast';
import type { Position } from '../../diagnostics.js';
import { codePointLabel, missingGlyphs } from '../../infra/glyph-coverage.js';
import type { Section } from '../../model/sections.js';
import { offsetPosition } from '../../read/offset-position.js';
import { rule, type RuleContext } from '../rule.js';

/** A text as the document shows it, and where each of its characters is in the file. */
interface ShownText {
  value: string;
  placeOf(index: number): Position;
}

/**
 * Characters the body font cannot draw (they print as their code point): one warning per character,
 * at its first place in reading order, with how often it occurs. It reads the texts the layout
 * typesets, in the order it typesets them, from the model alone.
 */
export const glyphCoverage = rule(['course', 'performance', 'summary', 'statement'], { 'glyph-missing': 'warning' }, (context) => {
  const { coverage } = context;
  if (!coverage) return;
  const found = new Map<string, { place: Position; count: number }>();
  for (const text of shownTexts(context)) {
    for (const { index, char } of missingGlyphs(text.value, coverage)) {
      const known = found.get(char);
      if (known) known.count++;
      else found.set(char, { place: text.placeOf(index), count: 1 });
    }
  }
  for (const [char, { place, count }] of found) context.report('glyph-missing', place, { char, code: codePointLabel(char), count });
});

/** Front-matter values shown in the title block, then the body, in the order layout/course.ts, performance.ts and essay.ts typeset them. */
function* shownTexts(context: RuleContext): Generator<ShownText> {
  const { document } = context;
  const field = (value: string | undefined, path: readonly PropertyKey[]): ShownText[] => (value ? [{ value, placeOf: () => context.keyPosition(path) }] : []);
  switch (document.kind) {
    case 'course':
      yield* [
        ...field(document.title, ['title']),
        ...field(document.course, ['course']),
        ...field(document.teacher, ['teacher']),
        ...field(document.summary, ['summary']),
      ];
      break;
    case 'performance':
      // The rows are typeset before the title.
      yield* [...field(document.organizer, ['organizer']), ...field(document.role, ['role']), ...field(document.award, ['award'])];
      yield* [...field(document.title, ['title']), ...field(document.summary, ['summary'])];
      break;
    case 'summary':
    case 'statement':
      yield* field(document.title, ['title']);
  }
  for (const section of document.sections as readonly Section[]) {
    if (section.heading) yield* nodeTexts(section.heading);
    // A course's contribution section has the team table between its heading and its text.
    if (document.kind === 'course' && section.id === 'contribution') {
      for (const [i, member] of (document.team ?? []).entries())
        yield* [...field(member.name, ['team', i, 'name']), ...field(member.work, ['team', i, 'work'])];
    }
    for (const node of section.nodes) yield* nodeTexts(node);
  }
}

/** Text, inline code and code blocks; not images, HTML, definitions or front matter, which typeset no text of their own. */
function* nodeTexts(node: Nodes): Generator<ShownText> {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code': {
      const { value } = node;
      const start = node.position?.start;
      yield { value, placeOf: (index) => offsetPosition(value, index, start) };
      return;
    }
    case 'image':
    case 'imageReference':
    case 'html':
    case 'definition':
    case 'yaml':
      return;
  }
  if ('children' in node) for (const child of node.children) yield* nodeTexts(child as Nodes);
}
