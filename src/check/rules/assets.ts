import { readFile } from 'node:fs/promises';
import { pdfPageCount } from '../../emit/append-pdf.js';
import { findImages, markdownImageRefs, type AssetRef } from '../../layout/images.js';
import { collectDefinitions } from '../../layout/markdown.js';
import { fileProblem, resolveAsset } from '../../read/resolve-asset.js';
import { rule } from '../rule.js';

/** Images, 證明文件 and 影音檔 exist, stay inside the portfolio, and (images) decode. */
export const assets = rule(['course', 'performance', 'summary', 'statement'], async (context) => {
  const { document, source } = context;
  const refs: AssetRef[] = markdownImageRefs(document.body, collectDefinitions(document.body));
  const files: AssetRef[] = [];
  if (document.kind === 'performance') {
    (document.evidence ?? []).forEach((url, i) => (/\.pdf$/i.test(url) ? files : refs).push({ url, place: context.keyPosition(['evidence', i]) }));
  }
  if ((document.kind === 'course' || document.kind === 'performance') && document.media) files.push({ url: document.media, place: context.keyPosition(['media']) });
  const { diagnostics } = await findImages(refs, source.path, source.displayPath, context.root);
  for (const d of diagnostics) context.report(d.severity, d.ruleId, d, d.args);
  for (const { url, place } of files) {
    const resolved = resolveAsset(source.path, url, context.root);
    if ('problem' in resolved) context.report('error', fileProblem[resolved.problem], place, { path: url });
    else if (/\.pdf$/i.test(url) && !(await readFile(resolved.path).then(pdfPageCount).catch(() => 0))) context.report('error', 'evidence-undecodable', place, { path: url });
  }
});
