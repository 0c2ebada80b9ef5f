import { formatBytes, formatDuration } from '../format.js';
import type { Lang, Says } from '../messages.js';

/** What `licheng compress` (and build and check, for a document's 影音檔) say about a file that cannot be fitted, in zh-TW and English. */

/** Why a file could not be fitted; each code has a sentence below. */
export type MediaErrorCode =
  | 'missing'
  | 'empty'
  | 'unreadable'
  | 'unsupported'
  | 'not-media'
  | 'corrupt'
  | 'heic'
  | 'too-many-pixels'
  | 'too-long'
  | 'cannot-fit'
  | 'bad-trim'
  | 'would-overwrite'
  | 'no-ffmpeg'
  | 'ffmpeg-failed'
  | 'interrupted';

export type MediaErrorArgs = Record<string, string | number>;

/** The arguments of `[media-unfit]`: the error's code, its own arguments, and where the advice is read. */
export type MediaUnfitArgs = MediaErrorArgs & { code: MediaErrorCode; where: MediaErrorPlace };

type Text = Says<MediaErrorArgs>;

/** Why a file is 'corrupt', when licheng found it out (`why`); otherwise the decoder's own words (`reason`). */
const corruptWhy: Record<string, Text> = {
  'not-image': { zh: () => '名稱是圖片，內容卻不是', en: () => 'named as an image, but its content is not one' },
  'no-duration': { zh: () => '讀不出片長', en: () => 'it has no length' },
  'cut-short': { zh: () => '檔案在最後一格畫面之前就斷了', en: () => 'the file ends before its last frame' },
  'part-decoded': { zh: (a) => `${a.seconds} 秒中只解得出 ${a.decoded} 秒`, en: (a) => `only ${a.decoded} of ${a.seconds} s could be decoded` },
};

const errors: Record<Exclude<MediaErrorCode, 'too-long'>, Text> = {
  missing: { zh: () => '找不到這個檔案', en: () => 'file not found' },
  unreadable: {
    zh: (a) => `無法讀取這個檔案（${a.reason}）；請確認檔案權限，或把它複製到作品集資料夾內`,
    en: (a) => `this file cannot be read (${a.reason}); check its permissions, or copy it into the portfolio folder`,
  },
  empty: { zh: () => '檔案是空的（0 位元組）；請從原始裝置再複製一次', en: () => 'the file is empty (0 bytes); copy it again from the original device' },
  unsupported: {
    zh: () => '不是可處理的圖片或影音檔；圖片請用 JPG、PNG、WebP 或 TIFF（iPhone 的 HEIC 照片請先匯出成 JPEG），影音請用 MP4、MOV、MP3、M4A、WAV 等常見格式',
    en: () =>
      'not an image, video or recording licheng can read; use JPG, PNG, WebP or TIFF images (export iPhone HEIC photos as JPEG first), or common formats such as MP4, MOV, MP3, M4A, WAV',
  },
  'not-media': {
    zh: () => '這是圖片，不是影音檔；影音檔欄位請放 MP4 影片或 MP3 錄音',
    en: () => 'this is an image, not audio or video; the media field takes an MP4 video or an MP3 recording',
  },
  corrupt: {
    zh: (a) => `檔案損毀或不完整，無法解碼（${a.why ? corruptWhy[a.why]!.zh(a) : a.reason}）；請重新匯出，或從原始裝置再複製一次`,
    en: (a) =>
      `the file is damaged or incomplete and cannot be decoded (${a.why ? corruptWhy[a.why]!.en(a) : a.reason}); export it again or copy it again from the original device`,
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

/** The sentence for a media error, with advice for where it is read. */
export function mediaErrorText(a: MediaUnfitArgs, lang: Lang): string {
  return a.code === 'too-long' ? tooLong(a, lang, a.where) : errors[a.code][lang](a);
}
