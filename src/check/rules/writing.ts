import { toString } from 'mdast-util-to-string';
import type { RootContent } from 'mdast';
import { isSelf } from '../../model/team.js';
import { targetName } from '../../model/load-target.js';
import { endOfBody, rule } from '../rule.js';
import { prompt } from './placeholders.js';

/** What a reader sees of some nodes: text without HTML comments (a template's guiding questions). */
export const prose = (nodes: readonly RootContent[]) =>
  nodes
    .map((n) => toString(n, { includeHtml: false }))
    .join('')
    .replace(/\s+/g, '');

/** The four moves of a reflection (準備指引), each recognised by the words students use for it. */
const reflectionMoves = [
  { id: 'experience', words: /經歷|過程中|遇到|一開始|當時|參與/ },
  { id: 'discovery', words: /發現|察覺|意識到|原來|才知道|注意到/ },
  { id: 'learning', words: /學到|學習到|學習了|學會|體會|明白|理解/ },
  { id: 'impact', words: /影響|改變|未來|之後|以後|下一次|接下來/ },
];
/** Below this many characters even a complete reflection is too thin to show anything. */
const tooShort = 80;
const short = 150;

/** 心得與反思 that is short or skips a move of 經歷 → 發現 → 學習 → 影響 gets a gentle nudge. */
export const reflectionDepth = rule(['course', 'performance'], { 'reflection-thin': 'warning' }, (context) => {
  const section = context.document.sections.find((s) => s.id === 'reflection');
  if (!section) return;
  const text = prose(section.nodes);
  // A section still holding the template's prompt has not been written yet: placeholder-left says so.
  if (prompt.test(text)) return;
  const missing = reflectionMoves.filter((m) => !m.words.test(text)).map((m) => m.id);
  const count = [...text].length;
  if (count < tooShort || missing.length >= 2 || (missing.length === 1 && count < short)) {
    const place = section.heading ? context.nodePosition(section.heading) : endOfBody(context);
    context.report('reflection-thin', place, { count, missing: missing.join(',') });
  }
});

/** A team work whose 個人貢獻度 says nothing beyond the generated table. */
export const contributionDepth = rule(['course'], { 'contribution-thin': 'warning' }, (context) => {
  const { document } = context;
  if (!document.team?.length) return;
  const section = document.sections.find((s) => s.id === 'contribution');
  if (!section || prompt.test(prose(section.nodes))) return;
  const own = document.team.find((m) => isSelf(m, context.portfolio));
  const text = prose(section.nodes).replace(own?.work.replace(/\s+/g, '') ?? '\u0000', '');
  if ([...text].length < 30) context.report('contribution-thin', section.heading ? context.nodePosition(section.heading) : endOfBody(context));
});

/** D-2's 就讀動機 should name the department it is written for. */
export const motivationTied = rule(['statement'], { 'motivation-untied': 'warning' }, (context) => {
  const section = context.document.sections.find((s) => s.id === 'motivation');
  if (!section) return;
  const name = targetName(context.document.target);
  const target = name ? context.targets.find((t) => t.name === name) : context.targets.length === 1 ? context.targets[0] : undefined;
  const department = target?.target?.department;
  if (!department || prompt.test(department) || prompt.test(prose(section.nodes))) return;
  const core = department.replace(/(學系|系|學程|科|組)$/u, '');
  if (!prose(section.nodes).includes(core))
    context.report('motivation-untied', context.nodePosition(section.heading ?? section.nodes[0] ?? {}), { department });
});
