import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { check } from '../check.js';
import { checkTarget } from '../check/target-rules.js';
import { loadPortfolioDocuments, targetIndex } from '../discover.js';
import { limits } from '../limits.js';
import { loadTargets } from '../model/load-target.js';
import { withOverlay } from '../read/overlay.js';
import { targetCaps } from './hover.js';
import { pathToUri, uriToPath, type Workspace } from './workspace.js';

export interface TargetReadiness {
  uri: string;
  name: string;
  channel: string;
  /** Findings of the target file and of the documents it lists. */
  errors: number;
  warnings: number;
  counts: { label: string; count: number; cap: number }[];
  documents: { uri: string; title: string; label: string; bytes: number | null; cap: number }[];
}

export interface DocumentStatus {
  summaryChars: number | null;
  summaryCap: number | null;
  pdfBytes: number | null;
  pdfCap: number | null;
}

/** PDF sizes of the last build, by absolute source path (out/manifest.json), when there was one. */
async function builtSizes(root: string): Promise<Map<string, number>> {
  const manifest = await readFile(join(root, 'out', 'manifest.json'), 'utf8').then(
    (text) => JSON.parse(text) as { documents?: { source: string; pdf: { bytes: number } | null }[] },
    () => undefined,
  );
  return new Map((manifest?.documents ?? []).flatMap((d) => (d.pdf ? [[join(root, ...d.source.split('/')), d.pdf.bytes] as const] : [])));
}

/**
 * Upload readiness of every target of the workspace's portfolios, from check and pack's own
 * target rules over the unsaved texts. A document's size is its preview's (this session) or the last build's.
 */
export async function targetsReadiness(workspace: Workspace, previewSizes: ReadonlyMap<string, number>): Promise<TargetReadiness[]> {
  const overlay = workspace.overlay();
  const found: TargetReadiness[] = [];
  for (const root of [...workspace.roots].sort()) {
    const { diagnostics } = await check([root], { cwd: root, overlay });
    const built = await builtSizes(root);
    await withOverlay(overlay, async () => {
      const index = targetIndex(await loadPortfolioDocuments(root, root, undefined));
      for (const loaded of await loadTargets(root, root)) {
        const { items } = checkTarget(loaded, index, root);
        const involved = new Set([loaded.path, ...items.map((i) => i.path)].map((p) => relative(root, p).split(sep).join('/')));
        const own = diagnostics.filter((d) => involved.has(d.file.split(sep).join('/')));
        const target = loaded.target;
        const caps = Object.entries(target ? targetCaps(target) : {}).filter((entry): entry is [string, number] => entry[1] !== undefined);
        found.push({
          uri: pathToUri(loaded.path),
          name: loaded.name,
          channel: target?.channel ?? '',
          errors: own.filter((d) => d.severity === 'error').length,
          warnings: own.filter((d) => d.severity === 'warning').length,
          counts: caps.map(([label, cap]) => ({ label, count: items.filter((i) => (label === 'B' ? i.code.startsWith('B') : i.code === label)).length, cap })),
          documents: items.map((item) => ({
            uri: pathToUri(item.path),
            title: item.document && 'title' in item.document && item.document.title ? item.document.title : item.written,
            label: item.code,
            bytes: previewSizes.get(pathToUri(item.path)) ?? built.get(item.path) ?? null,
            cap: limits.documentMaxBytes,
          })),
        });
      }
    });
  }
  return found;
}

/** The status-bar facts of one document: its 簡述 against 100 and its PDF against 4 MB. */
export async function documentStatus(
  workspace: Workspace,
  uri: string,
  summaryChars: number | null,
  previewBytes: number | undefined,
): Promise<DocumentStatus> {
  const path = uriToPath(uri);
  const root = path && (await workspace.rootOf(path));
  const bytes = previewBytes ?? (root ? (await builtSizes(root)).get(path) : undefined) ?? null;
  return { summaryChars, summaryCap: summaryChars === null ? null : limits.summaryMaxChars, pdfBytes: bytes, pdfCap: limits.documentMaxBytes };
}
