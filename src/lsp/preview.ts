import { limits } from '../limits.js';
import { formatDiagnostic } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import { readPortfolioState, typesetDocument } from '../build-document.js';
import { withOverlay } from '../read/overlay.js';
import { textWidth } from '../layout/theme.js';
import { lspMessage } from './messages.js';
import { sourceMapRecorder, type SourceMapEntry } from './source-map.js';
import { uriToPath, type Workspace } from './workspace.js';
import { frontMatterLines } from './yaml-lines.js';

export interface PreviewParams {
  textDocument: { uri: string };
}

export interface PreviewResult {
  uri: string;
  version: number;
  /**
   * Base64 of the bytes `licheng build` would write for the current unsaved text; while the document
   * has errors, the same typesetting of it as it is, which `build` would refuse to write.
   */
  pdf: string | null;
  /** The document's errors: a PDF with any is a draft, not for upload. */
  errors: number;
  /** What a client shows above a draft (「有 N 個錯誤，修正後才能建置」). */
  banner?: string;
  pages: number;
  /** PDF points. */
  pageSize: { width: number; height: number };
  map: SourceMapEntry[];
  /** Why there is no PDF. */
  reason?: string;
}

/** A4 in PDF points, the one page size licheng typesets. */
const a4 = { width: 595.28, height: 841.89 };

/** Noto CJK's own line height (1.45 em) times the theme's factor: the foot of a block's last line. */
const fontLineHeight = 1.45;

/**
 * The PDF `build` would write for the open document's unsaved text, and where each Markdown block
 * landed in it. Typeset in this process, with every open buffer in front of the disk.
 */
export async function preview(workspace: Workspace, uri: string, lang: Lang): Promise<PreviewResult> {
  const opened = workspace.documents.get(uri);
  const version = opened?.version ?? 0;
  const none = (reason: string, errors = 0): PreviewResult => ({ uri, version, pdf: null, errors, pages: 0, pageSize: a4, map: [], reason });
  const path = uriToPath(uri);
  if (!path) return none(lspMessage('preview-not-document', {}, lang));
  const root = await workspace.rootOf(path);
  if (!root) return none(lspMessage('preview-no-portfolio', {}, lang));
  return withOverlay(workspace.overlay(), async () => {
    const state = await readPortfolioState(root, root);
    const { theme } = state;
    const recorder = sourceMapRecorder({ lineHeight: theme.fontSize * fontLineHeight * theme.lineHeight, right: theme.pageMargins[0] + textWidth(theme) });
    const task = { file: path, root, cwd: root, maxBytes: limits.documentMaxBytes };
    const typeset = await typesetDocument(task, state, { onBlock: recorder.onBlock, draft: true });
    const errors = typeset.result.diagnostics.filter((d) => d.severity === 'error');
    if (!typeset.pdf || !typeset.content) {
      if (!typeset.result.kind) return none(lspMessage('preview-not-document', {}, lang));
      return none(lspMessage('preview-errors', { count: errors.length, first: errors[0] ? formatDiagnostic(errors[0], lang) : '' }, lang), errors.length);
    }
    const yamlLines = typeset.source?.frontMatter ? frontMatterLines(typeset.source.text.split('\n')) : undefined;
    const yaml = yamlLines && { startLine: 0, endLine: yamlLines.last + 1 };
    return {
      uri,
      version,
      pdf: typeset.pdf.data.toString('base64'),
      errors: errors.length,
      ...(errors.length > 0 && { banner: lspMessage('preview-draft', { count: errors.length }, lang) }),
      pages: typeset.pdf.pages,
      pageSize: a4,
      map: recorder.entries(typeset.content, yaml),
    };
  });
}
