/**
 * The arguments of each message of the catalog (src/messages.ts), by message id: a message's texts
 * and every place that creates the diagnostic are checked against them, so a misspelt id or argument
 * does not compile. An argument the text tests for (`near`, `count` above 1) is optional.
 */
import type { MediaUnfitArgs } from './infra/media-error-text.js';

type Arg = string | number;
/** A message that takes no arguments. */
type NoArgs = Record<string, never>;

export interface MessageArgsById {
  'file-unreadable': { reason: Arg };
  'file-empty': NoArgs;
  'file-binary': NoArgs;
  'file-encoding': { encoding?: Arg };
  'file-too-large': { bytes: Arg; max: Arg };
  'body-too-long': { count: Arg; max: Arg };
  'paragraph-too-long': { count: Arg; max: Arg };
  'paragraph-too-many-marks': { count: Arg; max: Arg };
  'quotes-too-many': { max: Arg };
  'pages-too-many': { pages: Arg; max: Arg };
  'nesting-too-deep': { max: Arg };
  'html-code-dropped': { tag: Arg };
  'footnote-undefined': { label: Arg };
  'footnote-duplicate': { label: Arg; first: Arg };
  'field-too-long': { key: Arg; count: Arg; max: Arg };
  'front-matter-missing': NoArgs;
  'front-matter-unclosed': NoArgs;
  'yaml-syntax': { value?: Arg; cause?: Arg; key?: Arg; reason?: Arg };
  'yaml-not-mapping': NoArgs;
  'key-required': { zh: Arg; key: Arg };
  'key-type': { roc?: Arg; zh: Arg; given?: Arg; shape?: Arg; key: Arg };
  'key-unknown': { key: Arg; near?: Arg };
  'key-duplicate': { key: Arg };
  'category-invalid': { value: Arg; kind: Arg; allowed: Arg };
  'channel-unknown': { value: Arg; allowed: Arg };
  'kind-unknown': { value: Arg; allowedZh: Arg; allowed: Arg };
  'summary-too-long': { count: Arg; max: Arg; over: Arg };
  /** `also`: the section's other accepted names, joined by 、 (empty when it has none). */
  'section-missing': { section: Arg; also: Arg };
  'team-self': { count: Arg };
  'team-share-sum': { sum: Arg };
  'team-work-too-long': { count: Arg; max: Arg };
  'image-missing': { path: Arg; near?: Arg; why?: Arg };
  'image-outside': { path: Arg };
  'image-not-file': { path: Arg };
  'image-undecodable': { path: Arg; reason: Arg };
  'image-heic': { path: Arg };
  'image-remote': { path: Arg };
  'glyph-missing': { char: Arg; code: Arg; count: Arg };
  'file-missing': { path: Arg; near?: Arg; why?: Arg };
  'file-outside': { path: Arg };
  'file-not-file': { path: Arg };
  'file-remote': { path: Arg };
  'evidence-undecodable': { problem?: Arg; path: Arg };
  'portfolio-missing': { dir: Arg };
  'pdf-over-cap': { images?: Arg; bytes: Arg; max: Arg; pages: Arg };
  'pdf-images-recompressed': { max: Arg; quality: Arg };
  'cap-over-channel': { code: Arg; cap: Arg; channel: Arg; year: Arg; max: Arg };
  'cap-unknown-code': { channel: Arg; code: Arg; allowed: Arg };
  'channel-year-unknown': { channel: Arg; year: Arg };
  'item-missing': { path: Arg; near?: Arg; why?: Arg };
  'item-wrong-kind': { path: Arg; actual: Arg; actualName?: Arg; code: Arg; expected: Arg };
  'item-duplicate': { path: Arg; first: Arg };
  'item-over-cap': { code: Arg; count: Arg; cap: Arg; over: Arg };
  'item-b1-required': { channel: Arg };
  'item-invalid': { path: Arg };
  'year-over-submission': { year: Arg; count: Arg; kind: Arg; max: Arg; index: Arg };
  'essay-too-long': { channel: Arg; max: Arg; count: Arg; over: Arg };
  'essay-too-many-images': { channel: Arg; max: Arg; count: Arg };
  'reflection-thin': { count: Arg; missing?: Arg };
  'contribution-thin': NoArgs;
  'motivation-untied': { department: Arg };
  'form-template-invalid': { reason: Arg };
  'bundle-over-cap': { file: Arg; bytes: Arg; max: Arg; items: Arg };
  'placeholder-left': { count?: Arg; lines: Arg; text: Arg };
  'template-pack-missing': { name: Arg };
  'image-path-space': { path: Arg };
  'statement-target-unknown': { value: Arg; near?: Arg; available?: Arg };
  'team-table-manual': { sum: Arg };
  'target-placeholder': { key?: Arg };
  'media-unfit': MediaUnfitArgs;
  'render-failed': { reason: Arg };
  'write-failed': { path: Arg; reason: Arg };
  'font-unreadable': { path: Arg; max: Arg; reason: Arg };
  'path-missing': { path: Arg };
  'document-skipped': { reason: Arg };
  'out-not-folder': { path: Arg };
  'out-unwritable': { path: Arg; reason: Arg };
  'out-in-portfolio': { path: Arg };
  'out-holds-portfolio': { path: Arg };
  'out-not-ours': { path: Arg };
  'no-documents': { path: Arg };
}
