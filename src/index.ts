/**
 * licheng as a library: every command is a function that returns results and diagnostics;
 * nothing here prints or exits, and importing it changes nothing in the process (pdfmake is
 * loaded and patched on the first document typeset).
 */
export { build, type BuildOptions, type BuildResult, type DocumentResult } from './build.js';
export { check, type CheckOptions, type CheckResult } from './check.js';
export { pack, type PackOptions, type PackResult, type BundleResult, type BundleFile } from './pack/pack.js';
export { compressFile, type CompressOptions, type CompressProgress, type CompressResult, type MediaKind } from './media/compress.js';
export { MediaError, isMediaError, type MediaErrorCode } from './media/errors.js';
export { mediaErrorMessage } from './media/messages.js';
export { batch, type BatchOptions, type BatchProgress, type BatchResult } from './batch/batch.js';
export { BatchUsageError, problemMessage as batchProblemMessage, type BatchProblem } from './batch/messages.js';
export type { StudentReport, StudentStatus } from './batch/report.js';
export { initPortfolio, type InitOptions, type InitResult } from './scaffold/init-portfolio.js';
export { newDocument, type NewDocumentOptions } from './scaffold/new-document.js';
export { checkPack, type PackCheckOptions, type PackCheckResult } from './scaffold/check-pack.js';
export { ScaffoldError } from './scaffold/scaffold-error.js';
export { formatDiagnostic, diagnosticJson, hasErrors, type Diagnostic, type Severity } from './diagnostics.js';
export { message, type Lang } from './messages.js';
export { channelLimits, limits, uploadLimits, type Channel, type ChannelLimits } from './limits.js';
export { version } from './version.js';
export { LichengUsageError } from './usage-error.js';
