/**
 * licheng as a library: every command is a function that returns results and diagnostics;
 * nothing here prints or exits.
 */
export { build, type BuildOptions, type BuildResult, type DocumentResult } from './build.js';
export { check, type CheckOptions, type CheckResult } from './check.js';
export { pack, type PackOptions, type PackResult, type BundleResult } from './pack/pack.js';
export { formatDiagnostic, diagnosticJson, hasErrors, type Diagnostic, type Severity } from './diagnostics.js';
export { message, type Lang } from './messages.js';
export { channelLimits, limits, uploadLimits, type Channel, type ChannelLimits } from './limits.js';
