import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { Lang } from '../messages.js';
import type { CompressResult } from './compress.js';
import type { MediaError, MediaErrorArgs, MediaErrorCode } from './errors.js';
import { formatDuration } from './trim.js';
import { formatBytes } from '../format.js';

/** What `licheng compress` (and build, for media) says about one file, in zh-TW and English. */

type Text = (a: MediaErrorArgs) => string;

/** Why a file is 'corrupt', when licheng found it out (`why`); otherwise the decoder's own words (`reason`). */
const corruptWhy: Record<string, Record<Lang, Text>> = {
  'not-image': { zh: () => '名稱是圖片，內容卻不是', en: () => 'named as an image, but its content is not one' },
  'no-duration': { zh: () => '讀不出片長', en: () => 'it has no length' },
  'cut-short': { zh: () => '檔案在最後一格畫面之前就斷了', en: () => 'the file ends before its last frame' },
  'part-decoded': { zh: (a) => `${a.seconds} 秒中只解得出 ${a.decoded} 秒`, en: (a) => `only ${a.decoded} of ${a.seconds} s could be decoded` },
};

const errors: Record<Exclude<MediaErrorCode, 'too-long'>, Record<Lang, Text>> = {
  missing: { zh: () => '找不到這個檔案', en: () => 'file not found' },
  unreadable: {
    zh: (a) => `無法讀取這個檔案（${a.reason}）；請確認檔案權限，或把它複製到作品集資料夾內`,
    en: (a) => `this file cannot be read (${a.reason}); check its permissions, or copy it into the portfolio folder`,
  },
  empty: { zh: () => '檔案是空的（0 位元組）；請從原始裝置再複製一次', en: () => 'the file is empty (0 bytes); copy it again from the original device' },
  unsupported: {
    zh: () => '不是可處理的圖片或影音檔；圖片請用 JPG、PNG、WebP 或 TIFF（iPhone 的 HEIC 照片請先匯出成 JPEG），影音請用 MP4、MOV、MP3、M4A、WAV 等常見格式',
    en: () => 'not an image, video or recording licheng can read; use JPG, PNG, WebP or TIFF images (export iPhone HEIC photos as JPEG first), or common formats such as MP4, MOV, MP3, M4A, WAV',
  },
  'not-media': {
    zh: () => '這是圖片，不是影音檔；影音檔欄位請放 MP4 影片或 MP3 錄音',
    en: () => 'this is an image, not audio or video; the media field takes an MP4 video or an MP3 recording',
  },
  corrupt: {
    zh: (a) => `檔案損毀或不完整，無法解碼（${a.why ? corruptWhy[a.why]!.zh(a) : a.reason}）；請重新匯出，或從原始裝置再複製一次`,
    en: (a) => `the file is damaged or incomplete and cannot be decoded (${a.why ? corruptWhy[a.why]!.en(a) : a.reason}); export it again or copy it again from the original device`,
  },
  'too-many-pixels': {
    zh: (a) => `圖片像素過多（${a.megapixels} 百萬像素，上限 ${a.limit}）；請先縮小或裁切成一般照片的大小再壓縮`,
    en: (a) => `the picture has too many pixels (${a.megapixels} megapixels, at most ${a.limit}); scale or crop it to a normal photo size first`,
  },
  heic: {
    zh: () => '無法解碼這張 HEIC 照片；請先匯出成 JPEG（iPhone：設定 › 相機 › 格式 › 最相容，或在「照片」中分享為 JPEG）再壓縮',
    en: () => 'this HEIC photo cannot be decoded here; export it as JPEG first (iPhone: Settings › Camera › Formats › Most Compatible) and compress that',
  },
  'cannot-fit': {
    zh: (a) => `無法在 ${formatBytes(Number(a.maxBytes))} 上限內產生這個檔案`,
    en: (a) => `could not make this file fit under ${formatBytes(Number(a.maxBytes))}`,
  },
  'bad-trim': {
    zh: (a) => `--trim 的起點 ${formatDuration(Number(a.start))} 已超過片長 ${formatDuration(Number(a.seconds))}`,
    en: (a) => `--trim starts at ${formatDuration(Number(a.start))}, after the clip ends (${formatDuration(Number(a.seconds))})`,
  },
  'would-overwrite': {
    zh: () => '輸出會覆寫原始檔；請用 -o 指定別的資料夾',
    en: () => 'the output would overwrite the original; choose another folder with -o',
  },
  'no-ffmpeg': {
    zh: (a) => `找不到可執行的 ffmpeg（${a.path}）；請重新執行 npm install，或用 --ffmpeg 路徑、環境變數 LICHENG_FFMPEG 指定`,
    en: (a) => `no working ffmpeg (${a.path}); run npm install again, or point to one with --ffmpeg PATH or LICHENG_FFMPEG`,
  },
  'ffmpeg-failed': { zh: (a) => `ffmpeg 轉檔失敗：${a.reason}`, en: (a) => `ffmpeg failed: ${a.reason}` },
  interrupted: { zh: () => '已中斷', en: () => 'interrupted' },
};

/** Where the advice is read: `licheng compress` takes --trim and --max-bytes; a document's 影音檔 takes neither. */
export type MediaErrorPlace = 'compress' | 'document';

/**
 * A clip too long for the cap: how much fits, and a cut that fits when followed (planVideo and
 * planAudio make sure of that). `start` is where the student's own --trim began.
 */
function tooLong(a: MediaErrorArgs, lang: Lang, place: MediaErrorPlace): string {
  const audio = a.kind === 'audio';
  const length = formatDuration(Number(a.seconds));
  const cap = formatBytes(Number(a.maxBytes));
  const fits = Number(a.fitsSeconds);
  const start = Math.ceil(Number(a.start ?? 0));
  const cut = `${formatDuration(start)}-${formatDuration(start + fits)}`;
  if (lang === 'zh') {
    const said = `長度 ${length}，在 ${cap} 內以${audio ? '聽得清楚' : '看得清楚'}的品質`;
    if (fits < 1) return `${said}連 1 秒都放不下；` + (place === 'compress' ? '請用 --max-bytes 放寬上限' : '請換一個檔案');
    return place === 'compress'
      ? `${said}最多只能放約 ${formatDuration(fits)}；請用 --trim 剪出一段，例如 --trim ${cut}`
      : `${said}最多只能放約 ${formatDuration(fits)}；請剪短到 ${formatDuration(fits)} 以內（用剪輯軟體，或 licheng compress 檔案 --trim ${cut}），再把「影音檔」指向剪好的檔案`;
  }
  const said = `it runs ${length}; at a ${audio ? 'clearly audible' : 'watchable'} quality`;
  if (fits < 1) return `${said} not even one second fits in ${cap}; ` + (place === 'compress' ? 'allow more with --max-bytes' : 'use another file');
  return place === 'compress'
    ? `${said} only about ${formatDuration(fits)} fits in ${cap}; cut a part with --trim, e.g. --trim ${cut}`
    : `${said} only about ${formatDuration(fits)} fits in ${cap}; cut it to at most ${formatDuration(fits)} (in a video editor, or licheng compress FILE --trim ${cut}) and point 影音檔 at the cut file`;
}

export function mediaErrorMessage(error: MediaError, lang: Lang, place: MediaErrorPlace = 'compress'): string {
  return error.code === 'too-long' ? tooLong(error.args, lang, place) : errors[error.code][lang](error.args);
}

/** A media error as a diagnostic `[media-unfit]` at `place` of `file`: the 影音檔 key of a document, or the file itself for compress. */
export function mediaDiagnostic(file: string, place: Position | undefined, error: MediaError, where: MediaErrorPlace): Diagnostic {
  return diagnostic(file, place, 'error', 'media-unfit', { zh: mediaErrorMessage(error, 'zh', where), en: mediaErrorMessage(error, 'en', where) });
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
        ? zh ? `PNG 在上限內放不下，已改成 ${to}` : `the PNG did not fit, so it became a ${to}`
        : zh ? `${from} 已轉成 ${to}` : `${from} converted to ${to}`,
    );
  }
  if (image?.flattened) parts.push(zh ? '透明處填白' : 'transparency filled with white');
  if (video?.remuxed) parts.push(zh ? '未重新編碼，只換成 MP4' : 'not re-encoded, only rewrapped as MP4');
  else if (video?.videoKbps) {
    parts.push(zh ? `${video.width}×${video.height}、${video.fps} fps` : `${video.width}×${video.height}, ${video.fps} fps`);
    parts.push(zh ? `影像 ${video.videoKbps} kbps` + (video.audioKbps ? ` + 聲音 ${video.audioKbps} kbps${video.audioChannels === 1 ? ' 單聲道' : ''}` : '，無聲音')
      : `video ${video.videoKbps} kbps` + (video.audioKbps ? ` + audio ${video.audioKbps} kbps${video.audioChannels === 1 ? ' mono' : ''}` : ', no audio'));
  }
  if (audio?.kbps) parts.push(`MP3 ${audio.kbps} kbps${audio.channels === 1 ? (zh ? ' 單聲道' : ' mono') : ''}`);
  if ((video || audio) && !result.unchanged) parts.push(zh ? `上限的 ${Math.round((100 * result.bytes) / result.maxBytes)}%` : `${Math.round((100 * result.bytes) / result.maxBytes)}% of the cap`);
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
