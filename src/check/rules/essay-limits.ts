import { toString } from 'mdast-util-to-string';
import { channelLimits } from '../../limits.js';
import { imageUrls, collectDefinitions } from '../../read/markdown-images.js';
import { rule } from '../rule.js';

/** D-1 under a channel that limits it (個人申請: ≤ 800 characters, ≤ 3 images). */
export const essayLimits = rule(['summary'], { 'essay-too-long': 'error', 'essay-too-many-images': 'error' }, (context) => {
  const text = toString(context.document.body).replace(/\s+/g, '');
  const count = [...text].length;
  const images = imageUrls(context.document.body.children, collectDefinitions(context.document.body)).length;
  const reported = new Set<string>();
  for (const { target } of context.targets) {
    if (!target) continue;
    const limits = channelLimits(target.channel, target.admissionYear);
    if (!limits || reported.has(limits.channel)) continue;
    reported.add(limits.channel);
    const place = context.source.tree.children[0] ? context.nodePosition(context.source.tree.children[0]) : undefined;
    if (limits.summaryEssayMaxChars && count > limits.summaryEssayMaxChars) {
      context.report('essay-too-long', place, { channel: limits.channel, max: limits.summaryEssayMaxChars, count, over: count - limits.summaryEssayMaxChars });
    }
    if (limits.summaryEssayMaxImages !== undefined && images > limits.summaryEssayMaxImages) {
      context.report('essay-too-many-images', place, { channel: limits.channel, max: limits.summaryEssayMaxImages, count: images });
    }
  }
});
