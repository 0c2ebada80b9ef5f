/** licheng's media stage: fit photos, clips and recordings under the upload caps (SPEC §5). */
export {
  checkMedia,
  compressFile,
  fitMedia,
  type CompressOptions,
  type CompressProgress,
  type CompressResult,
  type FitMediaOptions,
  type MediaKind,
} from './compress.js';
export { MediaError, isMediaError, type MediaErrorArgs, type MediaErrorCode } from './errors.js';
export { locateFfmpeg, probe, type FfmpegOptions, type FfmpegPaths, type MediaProbe } from './ffmpeg.js';
export { describeResult, mediaDiagnostic, mediaErrorMessage } from './messages.js';
export { formatBytes } from '../format.js';
export { formatDuration } from '../format.js';
export { parseTrim, type Trim } from './trim.js';
