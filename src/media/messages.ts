import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import type { CompressResult } from './compress.js';
import type { MediaError } from './errors.js';
import { formatDuration } from '../format.js';
import { mediaErrorText, type MediaErrorPlace, type MediaUnfitArgs } from '../infra/media-error-text.js';
import { formatBytes } from '../format.js';

export function mediaErrorMessage(error: MediaError, lang: Lang, where: MediaErrorPlace = 'compress'): string {
  return mediaErrorText(mediaUnfitArgs(error, where), lang);
}

/** The arguments of `[media-unfit]`: what went wrong (the error's code and its own arguments) and where the advice is read. */
export const mediaUnfitArgs = (error: MediaError, where: MediaErrorPlace): MediaUnfitArgs => ({ ...error.args, code: error.code, where });

/** A media error as a diagnostic `[media-unfit]` at `place` of `file`: the 影音檔 key of a document, or the file itself for compress. */
export function mediaDiagnostic(file: string, place: Position | undefined, error: MediaError, where: MediaErrorPlace): Diagnostic {
  return diagnostic(file, place, 'error', 'media-unfit', mediaUnfitArgs(error, where));
}

const formatNames: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', tiff: 'TIFF', gif: 'GIF', heic: 'HEIC', avif: 'AVIF' };
const formatName = (format: string) => formatNames[format] ?? format.toUpperCase();

/** What was done to the file, in brackets after its size. */
function details(result: CompressResult, lang: Lang): string[] {
  const zh = lang === 'zh';
  const parts: string[] = [];
  const { image, video, audio } = result;
  if (image?.format === 'jpeg') parts.push(zh ? `JPEG 品質 ${image.quality}` : `JPEG quality ${image.quality}`);
  if (image?.format === 'png') parts.push(image.palette ? (zh ? 'PNG，256 色調色盤' : 'PNG, 256-colour palette') : zh ? 'PNG，無損' : 'PNG, lossless');
  if (image?.downscaled) parts.push(zh ? `縮小為 ${image.width}×${image.height}` : `scaled to ${image.width}×${image.height}`);
  if (result.formatChange && image) {
    const from = formatName(result.formatChange.from);
    const to = formatName(result.formatChange.to);
    parts.push(
      result.formatChange.from === 'png'
        ? zh
          ? `PNG 在上限內放不下，已改成 ${to}`
          : `the PNG did not fit, so it became a ${to}`
        : zh
          ? `${from} 已轉成 ${to}`
          : `${from} converted to ${to}`,
    );
  }
  if (image?.flattened) parts.push(zh ? '透明處填白' : 'transparency filled with white');
  if (video?.remuxed) parts.push(zh ? '未重新編碼，只換成 MP4' : 'not re-encoded, only rewrapped as MP4');
  else if (video?.videoKbps) {
    parts.push(zh ? `${video.width}×${video.height}、${video.fps} fps` : `${video.width}×${video.height}, ${video.fps} fps`);
    parts.push(
      zh
        ? `影像 ${video.videoKbps} kbps` + (video.audioKbps ? ` + 聲音 ${video.audioKbps} kbps${video.audioChannels === 1 ? ' 單聲道' : ''}` : '，無聲音')
        : `video ${video.videoKbps} kbps` + (video.audioKbps ? ` + audio ${video.audioKbps} kbps${video.audioChannels === 1 ? ' mono' : ''}` : ', no audio'),
    );
  }
  if (audio?.kbps) parts.push(`MP3 ${audio.kbps} kbps${audio.channels === 1 ? (zh ? ' 單聲道' : ' mono') : ''}`);
  if ((video || audio) && !result.unchanged)
    parts.push(zh ? `上限的 ${Math.round((100 * result.bytes) / result.maxBytes)}%` : `${Math.round((100 * result.bytes) / result.maxBytes)}% of the cap`);
  if (result.durationSeconds) parts.push(formatDuration(result.durationSeconds));
  return parts;
}

/** One line per file: `IN → OUT  SIZE（what was done）`, or that it was already fine. */
export function describeResult(result: CompressResult, input: string, output: string, lang: Lang): string {
  const size = formatBytes(result.bytes);
  if (result.unchanged) {
    return lang === 'zh'
      ? `${input}：已在 ${formatBytes(result.maxBytes)} 上限內（${size}），未重新壓縮，移除拍攝地點等個人資訊後存到 ${output}`
      : `${input}: already under the ${formatBytes(result.maxBytes)} cap (${size}); not re-encoded, saved without location and other personal metadata to ${output}`;
  }
  const parts = details(result, lang);
  return lang === 'zh' ? `${input} → ${output}  ${size}（${parts.join('，')}）` : `${input} → ${output}  ${size} (${parts.join('; ')})`;
}

export const compressText = {
  summary: { zh: '把圖片、影片、錄音壓到上傳上限內（畫質盡量高）', en: 'fit images, videos and recordings under their upload caps at the best quality' },
  noFiles: { zh: '請給至少一個檔案：licheng compress 檔案…', en: 'give at least one file: licheng compress FILE…' },
  missing: { zh: '找不到檔案', en: 'no such file' },
  folder: { zh: '這是資料夾，不是檔案；請給資料夾裡的檔案，例如 資料夾/*.mp4', en: 'this is a folder, not a file; give the files in it, e.g. FOLDER/*.mp4' },
  badMaxBytes: { zh: '--max-bytes 要是正整數位元組（例如 4000000 或 4MB）', en: '--max-bytes takes a positive number of bytes (e.g. 4000000 or 4MB)' },
  badTrim: { zh: '--trim 的格式是 起-迄，例如 0:10-1:40 或 10-100', en: '--trim takes START-END, e.g. 0:10-1:40 or 10-100' },
  internal: { zh: '內部錯誤', en: 'internal error' },
  done: { zh: (ok: number, all: number) => `完成 ${ok}/${all} 個檔案`, en: (ok: number, all: number) => `${ok} of ${all} files done` },
} as const;
