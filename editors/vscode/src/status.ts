import { formatBytes } from '../../../src/format.js';
import type { DocumentStatus } from './protocol.js';
import type { Strings } from './strings.js';

export interface StatusText {
  text: string;
  /** Over a cap: the item shows as a warning. */
  over: boolean;
}

/**
 * The status-bar item for the current document: `簡述 87／100 字 · PDF 1.2 MB／4 MB`; parts the
 * document has not got (no 簡述 in a statement, no PDF while it has errors) are left out.
 */
export function statusText(status: DocumentStatus, strings: Strings): StatusText | undefined {
  const parts: string[] = [];
  let over = false;
  if (status.summaryChars !== null && status.summaryCap !== null) {
    parts.push(strings.summary(status.summaryChars, status.summaryCap));
    over ||= status.summaryChars > status.summaryCap;
  }
  if (status.pdfBytes !== null && status.pdfCap !== null) {
    parts.push(strings.pdfSize(formatBytes(status.pdfBytes), formatBytes(status.pdfCap)));
    over ||= status.pdfBytes > status.pdfCap;
  }
  return parts.length ? { text: parts.join(' · '), over } : undefined;
}
