import { dirname, join, relative, sep } from 'node:path';
import { portfolioDocuments } from '../discover.js';
import type { PortfolioDocument } from '../model/document.js';
import { loadDocument } from '../model/load.js';
import { channelLimits, channels, type Channel } from '../limits.js';
import type { TargetItemData } from './template-data.js';

/**
 * A new target's 項目, pre-filled with the portfolio's documents by category, up to the
 * channel's caps; the rest are listed as comments for the student to swap in.
 */
export async function targetItems(root: string, file: string, channel: unknown, admissionYear: unknown): Promise<TargetItemData[]> {
  const documents: { path: string; document: PortfolioDocument }[] = [];
  for (const path of (await portfolioDocuments(root, root, join(root, 'out'))).files) {
    const { document } = await loadDocument(path, root, root);
    if (document) documents.push({ path, document });
  }
  const limits = channels.includes(channel as Channel) ? channelLimits(channel as Channel, Number(admissionYear)) : undefined;
  const rel = (path: string) => relative(dirname(file), path).split(sep).join('/');
  const byCode = (test: (d: PortfolioDocument) => boolean) => documents.filter((d) => test(d.document)).map((d) => rel(d.path));
  const b1 = byCode((d) => d.kind === 'course' && d.category === 'B-1');
  const b2 = byCode((d) => d.kind === 'course' && d.category === 'B-2');
  const c = byCode((d) => d.kind === 'performance');
  const caps = limits?.caps ?? {};
  // 四技申請入學 and 個人申請 cap B-1 and B-2 together (B): B-1 first.
  const capB1 = Math.min(caps['B-1'] ?? Infinity, caps.B ?? Infinity);
  const capB2 = Math.min(caps['B-2'] ?? Infinity, (caps.B ?? Infinity) - Math.min(b1.length, capB1));
  const listed = (code: string, paths: string[], cap: number): TargetItemData => ({ code, paths: paths.slice(0, cap), spare: paths.slice(cap) });
  const items = [listed('B-1', b1, capB1), listed('B-2', b2, capB2), listed('C', c, caps.C ?? Infinity)];
  const summary = byCode((d) => d.kind === 'summary')[0];
  const statement = documents.find((d) => d.document.kind === 'statement' && !d.document.target);
  if (summary) items.push({ code: 'D-1', single: summary });
  if (statement) items.push({ code: 'D-2', single: rel(statement.path) });
  return items.filter((item) => item.single || item.paths?.length || item.spare?.length);
}
