import { pdfProblem } from '../../infra/read-pdf.js';
import { findImages } from '../../read/find-images.js';
import { collectDefinitions, markdownImageRefs, type AssetRef } from '../../read/markdown-images.js';
import { fileProblem, resolveAsset } from '../../read/resolve-asset.js';
import { nearMiss } from '../../read/near-miss.js';
import { rule, type RuleContext } from '../rule.js';

const assetMessages = {
  'image-missing': 'error',
  'image-outside': 'error',
  'image-remote': 'error',
  'image-not-file': 'error',
  'image-undecodable': 'error',
  'image-heic': 'error',
  'file-missing': 'error',
  'file-outside': 'error',
  'file-remote': 'error',
  'file-not-file': 'error',
  'evidence-undecodable': 'error',
  'media-unfit': 'error',
} as const;

/** Images, 證明文件 and 影音檔 exist, stay inside the portfolio, and decode as the build will decode them. */
export const assets = rule(['course', 'performance', 'summary', 'statement'], assetMessages, async (context) => {
  const { document, source } = context;
  const refs: AssetRef[] = markdownImageRefs(document.body, collectDefinitions(document.body));
  const pdfs: AssetRef[] = [];
  if (document.kind === 'performance') {
    (document.evidence ?? []).forEach((url, i) => (/\.pdf$/i.test(url) ? pdfs : refs).push({ url, place: context.keyPosition(['evidence', i]) }));
  }
  const { diagnostics } = await findImages(refs, source.path, source.displayPath, context.root);
  // findImages speaks for typesetting too; its findings are among this rule's messages.
  for (const d of diagnostics) context.report(d.ruleId as keyof typeof assetMessages, d, d.args as never);
  for (const { url, place } of pdfs) {
    const path = resolved(context, url, place);
    const problem = path && (await pdfProblem(path));
    if (problem) context.report('evidence-undecodable', place, { path: url, problem });
  }
  if ((document.kind === 'course' || document.kind === 'performance') && document.media) {
    const place = context.keyPosition(['media']);
    const path = resolved(context, document.media, place);
    if (path) {
      // ffprobe is started only for documents that have media.
      const { checkMedia, isMediaError } = await import('../../media/index.js');
      await checkMedia(path).catch((error: unknown) => {
        if (!isMediaError(error)) throw error;
        context.report('media-unfit', place, { ...error.args, code: error.code, where: 'document' });
      });
    }
  }
});

/** The file a path names, or undefined after reporting why it cannot be used. */
function resolved(context: RuleContext, url: string, place: AssetRef['place']): string | undefined {
  const found = resolveAsset(context.source.path, url, context.root);
  if ('problem' in found) {
    const near = found.problem === 'missing' ? nearMiss(context.source.path, url, context.root) : undefined;
    context.report(fileProblem[found.problem], place, { path: url, ...near });
    return undefined;
  }
  return found.path;
}
