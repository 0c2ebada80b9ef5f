import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { kindModels, type PortfolioDocument } from '../model/document.js';
import { positionOfPath } from '../model/fields.js';
import type { MarkdownSource } from '../read/read-source.js';
import { resolveAsset } from '../read/resolve-asset.js';
import { sha256 } from './render-document.js';
import type { OnProgress } from '../progress.js';

export interface FittedMedia {
  path: string;
  bytes: number;
  seconds: number | null;
  sha256: string;
}

/**
 * A document's 影音檔 fitted under the media cap next to its PDF (`base` + .mp4 or .mp3).
 * A missing file was already reported by the `assets` rule; a clip that cannot fit is an error here.
 */
export async function fitDocumentMedia(
  source: MarkdownSource,
  document: PortfolioDocument,
  root: string,
  base: string,
  onProgress?: OnProgress,
): Promise<{ media?: FittedMedia; diagnostics: Diagnostic[] }> {
  if ((document.kind !== 'course' && document.kind !== 'performance') || !document.media) return { diagnostics: [] };
  const resolved = resolveAsset(source.path, document.media, root);
  if ('problem' in resolved) return { diagnostics: [] };
  // ffmpeg and sharp load only for documents that have media.
  const { fitMedia, isMediaError, mediaDiagnostic } = await import('../media/index.js');
  try {
    const { cachedFit } = await import('../media/media-cache.js');
    const result = await cachedFit(resolved.path, `${base}.media`, { fit: 'document-media' }, () =>
      fitMedia(resolved.path, `${base}.media`, {
        onProgress: onProgress && ((p) => onProgress({ kind: 'media', file: source.displayPath, fraction: p.fraction })),
      }),
    );
    const data = await readFile(result.path);
    return { media: { path: result.path, bytes: result.bytes, seconds: result.durationSeconds ?? null, sha256: sha256(data) }, diagnostics: [] };
  } catch (error) {
    const place = source.frontMatter ? positionOfPath(source.frontMatter, kindModels[document.kind].keyTable, ['media']) : undefined;
    if (isMediaError(error)) return { diagnostics: [mediaDiagnostic(source.displayPath, place, error, 'document')] };
    // The source was read (a MediaError otherwise): a system error here is the output that cannot be written.
    const failed = error as NodeJS.ErrnoException & { dest?: string };
    if (typeof failed.code !== 'string') throw error;
    return {
      diagnostics: [
        diagnostic(source.displayPath, place, 'error', 'write-failed', { path: relative(root, failed.dest ?? failed.path ?? base), reason: failed.code }),
      ],
    };
  }
}
