import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { channelLimits, limits, type ChannelLimits } from '../limits.js';
import { valueHint, type Lang } from '../messages.js';
import { loadTargets } from '../model/load-target.js';
import { withOverlay } from '../read/overlay.js';
import { prose } from '../check/rules/writing.js';
import type { Target } from '../model/target.js';
import { keyMeanings, keyRules } from './key-meanings.js';
import { lspMessage } from './messages.js';
import { ruleHref } from './to-lsp.js';
import type { OpenFile } from './open-file.js';
import { keyAt, shapeOf } from './yaml-at.js';
import type { Workspace } from './workspace.js';

/** A target's caps as one line: `B-1 ≤ 3、B-2 ≤ 3、C ≤ 10`. */
const capsText = (caps: ChannelLimits['caps']) =>
  Object.entries(caps)
    .map(([code, n]) => `${code} ≤ ${n}`)
    .join('、');

/** What the channel and year of a target allow, and where that comes from. */
export function channelCapsText(target: Pick<Target, 'channel' | 'admissionYear'>, lang: Lang): string {
  const found = channelLimits(target.channel, target.admissionYear);
  if (!found) return lspMessage('hover-channel-unknown', { channel: target.channel, year: target.admissionYear }, lang);
  const min = Object.entries(found.min ?? {})
    .map(([code, n]) => `${code} ${n}`)
    .join('、');
  return lspMessage(
    'hover-channel-caps',
    { channel: found.channel, year: target.admissionYear, caps: capsText(found.caps), min, source: found.source, from: found.from },
    lang,
  );
}

/** A target's caps by label (B-1, B-2, B, C): its own 上限 where it sets one, else the channel's. */
export const targetCaps = (target: Target): Record<string, number | undefined> => ({
  ...(channelLimits(target.channel, target.admissionYear)?.caps ?? {}),
  ...(target.caps ?? {}),
});

/** The cap for an item code under a target. */
export function capFor(target: Target, code: string): number | undefined {
  const caps = targetCaps(target);
  const slot = code.startsWith('C') ? 'C' : code;
  return caps[slot] ?? (code.startsWith('B') ? caps.B : undefined);
}

/** What a key means and what its value is now: counts, sums and the caps that apply, with their sources. */
export async function hover(workspace: Workspace, file: OpenFile, position: Position, lang: Lang): Promise<Hover | null> {
  const heading =
    file.document && 'sections' in file.document
      ? file.document.sections.find((s) => s.heading?.position && s.heading.position.start.line - 1 === position.line)
      : undefined;
  if (heading) return markdown([lspMessage('hover-section-count', { section: heading.title, count: [...prose(heading.nodes)].length }, lang)]);
  if (!file.yaml || !file.table) return null;
  const at = keyAt(file.yaml, file.table, position.line);
  if (!at || at.line !== position.line) return null;
  const shape = shapeOf(at.path);
  const key = String(at.path.filter((s) => typeof s === 'string').at(-1));
  const meaning = keyMeanings[shape] ?? keyMeanings[key];
  const hint = valueHint(shape.startsWith('team.') || shape.startsWith('evidence.') ? key : shape, lang) ?? valueHint(key, lang);
  const lines = [`**${at.written}** (${key})`, ...(meaning ? [meaning[lang]] : []), ...(hint ? [lspMessage('hover-value', { hint }, lang)] : [])];
  lines.push(...(await liveFacts(workspace, file, key, lang)));
  const rule = keyRules[shape] ?? keyRules[key];
  const href = rule && ruleHref(rule);
  if (rule && href) lines.push(lspMessage('hover-rule', { id: rule, href }, lang));
  return { ...markdown(lines), range: { start: { line: at.line, character: at.start }, end: { line: at.line, character: at.end } } };
}

const markdown = (lines: string[]): Hover => ({ contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') } });

/** The facts of the value as written now (unsaved). */
async function liveFacts(workspace: Workspace, file: OpenFile, key: string, lang: Lang): Promise<string[]> {
  const document = file.document;
  if (file.role === 'target' && ['caps', 'items', 'channel', 'admissionYear'].includes(key)) {
    const target = (await withOverlay(workspace.overlay(), () => loadTargets(file.root, file.root))).find((t) => t.path === file.path)?.target;
    return target ? [channelCapsText(target, lang)] : [];
  }
  if (!document) return [];
  if (key === 'summary' && (document.kind === 'course' || document.kind === 'performance')) {
    return [
      lspMessage('hover-summary-count', { count: [...document.summary].length, max: limits.summaryMaxChars }, lang) +
        ' ' +
        lspMessage('hover-source', { source: limits.source }, lang),
    ];
  }
  if (key === 'team' && document.kind === 'course' && document.team?.length) {
    const sum = Math.round(document.team.reduce((total, m) => total + m.share, 0) * 100) / 100;
    return [lspMessage('hover-team-sum', { members: document.team.length, sum }, lang)];
  }
  if (key === 'category' && (document.kind === 'course' || document.kind === 'performance')) {
    const targets = await withOverlay(workspace.overlay(), () => loadTargets(file.root, file.root));
    return targets.flatMap(({ target }) => {
      const found = target && channelLimits(target.channel, target.admissionYear);
      const cap = target && capFor(target, document.category);
      if (!target || !found || cap === undefined) return [];
      return [
        lspMessage(
          'hover-target-cap',
          {
            target: `${target.school} ${target.department}`,
            channel: target.channel,
            year: target.admissionYear,
            code: document.category,
            cap,
            source: found.source,
          },
          lang,
        ),
      ];
    });
  }
  return [];
}
