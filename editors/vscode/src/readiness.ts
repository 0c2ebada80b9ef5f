import { formatBytes } from '../../../src/format.js';
import type { TargetReadiness } from './protocol.js';
import type { Strings } from './strings.js';

/** One row of the 上傳準備 / Upload readiness view, free of the `vscode` API. */
export interface ReadinessItem {
  label: string;
  description?: string;
  tooltip?: string;
  /** `target` rows get the Pack button (menus.view/item/context). */
  contextValue?: 'target' | 'document' | 'count';
  /** A codicon name. */
  icon: string;
  /** Opened on click. */
  uri?: string;
  /** What a Pack click packs. */
  targetUri?: string;
  children: ReadinessItem[];
}

const over = (value: number, cap: number) => cap > 0 && value > cap;

/** The tree for `licheng/targets`: per target its problems, counts against caps, and documents with their sizes. */
export function readinessTree(targets: readonly TargetReadiness[], strings: Strings): ReadinessItem[] {
  return targets.map((target) => {
    const counts: ReadinessItem[] = target.counts.map((count) => ({
      label: count.label,
      description: `${count.count}／${count.cap}`,
      contextValue: 'count',
      icon: over(count.count, count.cap) ? 'warning' : 'pass',
      tooltip: over(count.count, count.cap) ? strings.overCap : undefined,
      children: [],
    }));
    const documents: ReadinessItem[] = target.documents.map((document) => ({
      label: document.title,
      description: `${document.label} · ${document.bytes !== null ? `${formatBytes(document.bytes)}／${formatBytes(document.cap)}` : strings.noPdfYet}`,
      contextValue: 'document',
      icon: over(document.bytes ?? 0, document.cap) ? 'warning' : 'file-pdf',
      tooltip: over(document.bytes ?? 0, document.cap) ? strings.overCap : undefined,
      uri: document.uri,
      children: [],
    }));
    const problems = strings.targetProblems(target.errors, target.warnings);
    return {
      label: target.name,
      description: [target.channel, problems || strings.ready].filter(Boolean).join(' · '),
      contextValue: 'target',
      icon: target.errors ? 'error' : target.warnings ? 'warning' : 'package',
      uri: target.uri,
      targetUri: target.uri,
      children: [
        ...(counts.length ? [{ label: strings.countsGroup, icon: 'list-ordered', children: counts }] : []),
        ...(documents.length ? [{ label: strings.documentsGroup, icon: 'files', children: documents }] : []),
      ],
    };
  });
}
