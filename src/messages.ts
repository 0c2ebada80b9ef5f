/**
 * Every sentence licheng says about a file, in Traditional Chinese (default) and English. The key
 * doubles as the diagnostic's rule id; each message's arguments are declared in message-args.ts.
 * The batch, media and scaffold areas keep their own catalogs of the same shape (`Says`).
 */
import { formatBytes } from './format.js';
import { mediaErrorText } from './infra/media-error-text.js';
import type { MessageArgsById } from './message-args.js';

export type Lang = 'zh' | 'en';
export type MessageArgs = Record<string, string | number>;

/** A message in every language, from its arguments: the one shape of every area's catalog (batch, media, scaffold too). */
export type Says<A = MessageArgs> = Record<Lang, (a: A) => string>;

/** The catalog's type: each declared message's texts take its declared arguments (src/message-args.ts). */
// biome-ignore lint/suspicious/noExplicitAny: a message not declared yet takes any arguments
type Catalog = { [K in keyof MessageArgsById]: Says<MessageArgsById[K]> } & Record<string, Says<any>>;

/** System error codes a student may meet when a file cannot be read. */
const readReasons: Record<string, Record<Lang, string>> = {
  EACCES: { zh: '沒有讀取權限', en: 'no permission to read it' },
  EPERM: { zh: '沒有讀取權限', en: 'no permission to read it' },
  EISDIR: { zh: '這是資料夾，不是檔案', en: 'it is a folder, not a file' },
  ENOENT: { zh: '檔案不存在', en: 'the file does not exist' },
  EBUSY: { zh: '檔案正被其他程式使用', en: 'another program is using it' },
  'not-file': { zh: '這不是一般檔案（是具名管道或裝置）；請另存成一般檔案', en: 'it is no regular file (a named pipe or a device); save it as a regular file' },
  outside: { zh: '它是指向作品集外的連結；請把檔案本身放進作品集', en: 'it links to a file outside the portfolio; put the file itself in the portfolio' },
};

/** Names joined by 、 in a message argument, each quoted, joined again for the language. */
const names = (joined: string | number, open: string, close: string, separator: string): string =>
  String(joined)
    .split('、')
    .map((name) => `${open}${name}${close}`)
    .join(separator);

/** Why a school font (預設.字型) is not used, beyond the system's read errors. */
const fontReasons = (a: MessageArgs): Partial<Record<Lang, string>> =>
  ({
    missing: { zh: '找不到這個檔案', en: 'file not found' },
    outside: {
      zh: '字型檔在作品集資料夾之外（或是指向外面的連結）；請將字型檔本身複製到作品集內，例如 fonts/',
      en: 'the font is outside the portfolio folder (or a link to a file outside it); copy the font file itself inside, e.g. into fonts/',
    },
    remote: { zh: '不支援網址；請下載字型檔放進作品集內', en: 'a URL is not supported; download the font into the portfolio' },
    'not-file': {
      zh: '這不是一般檔案（是資料夾或特殊檔案）；請寫出字型檔（.ttf、.otf）的路徑',
      en: 'not a regular file (a folder or a special file); write the path of a .ttf or .otf file',
    },
    'too-large': {
      zh: `檔案超過 ${formatBytes(Number(a.max))}，不是可嵌入 PDF 的字型檔`,
      en: `the file is over ${formatBytes(Number(a.max))}, not a font a PDF can embed`,
    },
  })[String(a.reason)] ?? {};

/** Why a Markdown file in a document folder is left out of the build. */
const skipReasons: Record<string, Record<Lang, string>> = {
  outside: {
    zh: '它是指向作品集資料夾之外的連結；請把檔案本身移進作品集',
    en: 'it is a link to a file outside the portfolio folder; move the file itself inside',
  },
  missing: {
    zh: '它是連結，但指向的檔案不存在；請刪除這個連結或放回原檔',
    en: 'it is a link to a file that does not exist; remove the link or restore the file',
  },
  'not-file': { zh: '它不是一般檔案（是特殊檔案）；請另存成一般的 .md 檔', en: 'it is not a regular file (a special file); save it as a regular .md file' },
  'folder-link': {
    zh: '它是連結的資料夾，licheng 不會進入；請把文件直接放進作品集的資料夾',
    en: 'it is a linked folder, which licheng does not enter; put the documents themselves into the portfolio',
  },
};

/**
 * What a front-matter key expects, said to a student with an example. Keyed by the key's
 * canonical name, or `parent.*` for the entries of a map (a target's 上限, 項目 and 表A).
 */
const valueHints: Record<string, Record<Lang, string>> = {
  kind: { zh: 'course、performance、summary 或 statement（或中文：課程學習成果、多元表現…）', en: 'course, performance, summary or statement' },
  title: { zh: '一段文字，例如 班級點名小工具', en: 'text, such as Roll-call helper' },
  course: { zh: '科目名稱文字，例如 程式設計實習', en: 'a course name, such as Programming Lab' },
  category: { zh: 'B-1 或 B-2', en: 'B-1 or B-2' },
  year: { zh: '民國學年度數字，例如 112', en: 'a school year (民國) such as 112' },
  term: { zh: '1 或 2', en: '1 or 2' },
  credits: { zh: '整數學分，例如 2', en: 'a whole number such as 2' },
  teacher: { zh: '教師姓名', en: 'a name' },
  summary: { zh: '一段 100 字內的文字', en: 'text of at most 100 characters' },
  team: { zh: '成員清單（姓名、工作內容、貢獻度）', en: 'a list of members (name, work, share)' },
  name: { zh: '姓名文字', en: 'a name' },
  work: { zh: '工作內容文字', en: 'text' },
  share: { zh: '0 到 100 的百分比，例如 40', en: 'a percentage from 0 to 100, such as 40' },
  self: { zh: 'true 或 false', en: 'true or false' },
  media: { zh: '一個影音檔路徑，例如 ../media/成果影片.mp4', en: 'one path to an audio or video file, such as ../media/demo.mp4' },
  date: { zh: '日期，例如 2024-03-15', en: 'a date such as 2024-03-15' },
  start: { zh: '開始日期，例如 2024-03-15', en: 'a start date such as 2024-03-15' },
  end: { zh: '結束日期，例如 2024-06-30', en: 'an end date such as 2024-06-30' },
  organizer: { zh: '主辦單位名稱，例如 教育部', en: 'the organizer, such as 教育部' },
  role: { zh: '職務文字，例如 社長', en: 'a role, such as club president' },
  award: { zh: '獎項文字，例如 第一名', en: 'an award, such as first place' },
  hours: { zh: '時數（數字），例如 12', en: 'a number of hours such as 12' },
  evidence: { zh: '一個檔案路徑或路徑清單，例如 ../media/獎狀.pdf', en: 'a file path or a list of paths, such as ../media/award.pdf' },
  target: { zh: '報考校系的 targets 檔名，例如 ntust-ee', en: 'the name of a targets file, such as ntust-ee' },
  student: { zh: '學生姓名', en: 'the student name' },
  school: { zh: '學校名稱，例如 國立臺灣科技大學', en: 'a school name' },
  department: { zh: '科系名稱，例如 電機工程系', en: 'a department name' },
  class: { zh: '班級，例如 三年忠班', en: 'a class, such as 三年忠班' },
  channel: { zh: '招生管道，例如 甄選入學', en: 'an admission channel, such as 甄選入學' },
  admissionYear: { zh: '民國年，例如 116', en: 'a 民國 year such as 116' },
  caps: { zh: '各類別的件數上限，例如「B-1: 3」', en: 'a cap per code, such as "B-1: 3"' },
  'caps.*': { zh: '件數（整數），例如 3', en: 'a whole number of items such as 3' },
  items: { zh: '各類別選用的檔案，例如「B-1:」下一行寫「- ../courses/專題.md」', en: 'files per code, such as "B-1:" then "- ../courses/project.md"' },
  'items.*': { zh: '檔案路徑清單，每行一個，例如「- ../courses/專題.md」', en: 'a list of file paths, one per line, such as "- ../courses/project.md"' },
  'items.one': { zh: '一個檔案路徑，例如 ../summary.md', en: 'one file path, such as ../summary.md' },
  formA: { zh: '欄位名稱與內容，例如「自我介紹: 我是…」', en: 'field names with their text, such as "自我介紹: …"' },
  rules: { zh: '規則代號與設定，例如「reflection-thin: 關閉」', en: 'rule ids with a setting, such as "reflection-thin: off"' },
  'rules.*': { zh: '關閉、警告或錯誤（off、warning、error），例如 關閉', en: 'off, warning or error (關閉、警告、錯誤), such as off' },
  'formA.*': { zh: '一段文字', en: 'text' },
  templates: { zh: '範本資料夾路徑，例如 ../templates/ntust', en: 'a template folder path such as ../templates/ntust' },
  statementSections: {
    zh: '自述段落的清單：學習歷程反思、就讀動機、未來學習計畫與生涯規劃',
    en: "a list of the statement's sections: 學習歷程反思, 就讀動機, 未來學習計畫與生涯規劃",
  },
  defaults: { zh: '預設值（主題、字型）', en: 'defaults (theme, font)' },
  theme: { zh: 'sans 或 serif', en: 'sans or serif' },
  font: { zh: '字型檔路徑（一般、粗體）', en: 'font file paths (regular, bold)' },
  regular: { zh: '字型檔路徑，例如 fonts/kai.ttf', en: 'a font file path such as fonts/kai.ttf' },
  bold: { zh: '字型檔路徑，例如 fonts/kai-bold.ttf', en: 'a font file path such as fonts/kai-bold.ttf' },
};

/** What a key's value should look like (by canonical key or `parent.*` shape), for an editor's completion and hover. */
export const valueHint = (shape: string, lang: Lang): string | undefined => valueHints[shape]?.[lang];

/** A YAML slip or parser error (by the parser's code), said so that the student knows what to type. */
function yamlSyntax(a: MessageArgs, lang: Lang): string {
  const { key, reason } = a;
  const value = a.value || (/'quote/.test(String(reason)) ? "'" : '"');
  const texts: Record<string, Record<Lang, string>> = {
    'fullwidth-colon': {
      zh: `欄位名稱後面是全形冒號「：」；請改成半形冒號加一個空格：「${key}: ${value}」`,
      en: `the key is followed by a full-width colon「：」; use a half-width colon and a space: "${key}: ${value}"`,
    },
    'fullwidth-space': {
      zh: '這裡是全形空格「　」；YAML 的縮排和冒號後的空格都要用半形空格',
      en: 'this is a full-width space; YAML indentation and the space after a colon must be half-width spaces',
    },
    tab: {
      zh: '這一行用 Tab 縮排；YAML 只接受空格，請把 Tab 換成兩個半形空格',
      en: 'this line is indented with a tab; YAML takes spaces only: use two spaces',
    },
    TAB_AS_INDENT: {
      zh: '這一行用 Tab 縮排；YAML 只接受空格，請把 Tab 換成兩個半形空格',
      en: 'this line is indented with a tab; YAML takes spaces only: use two spaces',
    },
    'colon-space': {
      zh: `冒號後面要空一格：請把「${key}:${value}」改成「${key}: ${value}」`,
      en: `a colon needs a space after it: write "${key}: ${value}" instead of "${key}:${value}"`,
    },
    'quote-unclosed': {
      zh: `引號 ${value} 沒有成對；請在這個值的結尾補上 ${value}，或把引號拿掉`,
      en: `the quote ${value} is not closed; add ${value} at the end of the value, or remove the quote`,
    },
    MULTILINE_IMPLICIT_KEY: {
      zh: '這一行看不出「欄位: 值」：冒號要用半形「:」且後面空一格，欄位和值寫在同一行',
      en: 'this line is not "key: value": use a half-width colon followed by a space, key and value on one line',
    },
    BLOCK_AS_IMPLICIT_KEY: {
      zh: '一行裡有兩個「: 」；值裡要有「: 」時，請用引號把整個值包起來，例如 成果名稱: "專題: 智慧澆水"',
      en: 'two ": " on one line; when a value contains ": ", quote the whole value, e.g. title: "Project: smart watering"',
    },
    BAD_INDENT: {
      zh: '縮排沒有對齊；同一層的欄位要用相同數量的半形空格縮排',
      en: 'the indentation does not line up; keys of one level take the same number of spaces',
    },
    BAD_SCALAR_START: {
      zh: '值不能以這個符號開頭（例如 @ 或 `）；請用引號把整個值包起來',
      en: 'a value cannot start with this character (such as @ or `); quote the whole value',
    },
  };
  const bracket = /end with an? [\]}]/.test(String(reason))
    ? { zh: '方括號「[」或大括號「{」沒有成對；請補上「]」或「}」，或用引號把整個值包起來', en: 'a [ or { is not closed; close it, or quote the whole value' }
    : undefined;
  const quote = a.cause === 'MISSING_CHAR' && /quote/i.test(String(reason)) ? texts['quote-unclosed'] : undefined;
  const missingValue = a.cause === 'MISSING_CHAR' ? texts.MULTILINE_IMPLICIT_KEY : undefined;
  const text = (bracket ?? texts[String(a.cause)] ?? quote ?? missingValue)?.[lang];
  if (text) return lang === 'zh' ? `YAML 格式錯誤：${text}` : `YAML syntax error: ${text}`;
  return lang === 'zh'
    ? `YAML 格式錯誤（${reason}）；請檢查冒號後是否空一格、縮排是否只用半形空格、引號是否成對`
    : `YAML syntax error: ${reason}; check for a space after each colon, indentation with spaces only, and closed quotes`;
}

/**
 * What a target's item is when it is no document of a category (item-wrong-kind's `actual`), in each
 * language. A category code is said with its name (`actualName`) in Chinese, alone in English.
 */
const itemWords: Record<string, Record<Lang, string> | undefined> = {
  'not-document': { zh: '非學習歷程文件', en: 'not a portfolio document' },
  'other-file': { zh: '其他檔案', en: 'another kind of file' },
  summary: { zh: '多元表現綜整心得', en: 'a summary essay (D-1)' },
  statement: { zh: '學習歷程自述', en: 'a personal statement (D-2)' },
};

/** The moves of a reflection (check/rules/writing.ts) a student left out, by their ids. */
const reflectionMoves: Record<string, Record<Lang, string>> = {
  experience: { zh: '經歷了什麼', en: 'what happened' },
  discovery: { zh: '發現了什麼', en: 'what you found' },
  learning: { zh: '學習了什麼', en: 'what you learned' },
  impact: { zh: '影響了什麼', en: 'what it changed' },
};
const moves = (ids: string | number, lang: Lang): string =>
  String(ids)
    .split(',')
    .map((id) => reflectionMoves[id]?.[lang] ?? id)
    .join(lang === 'zh' ? '、' : ', ');

/** The near miss of a missing path (src/read/near-miss.ts), said so that the fix can be typed. */
const nearZh = (a: MessageArgs) =>
  !a.near
    ? ''
    : a.why === 'root'
      ? `；路徑要從這個檔案所在的資料夾算起：是不是「${a.near}」？`
      : a.why === 'separator'
        ? `；路徑請用「/」分隔：是不是「${a.near}」？`
        : `；是不是「${a.near}」？`;
const nearEn = (a: MessageArgs) =>
  !a.near
    ? ''
    : a.why === 'root'
      ? `; paths start from this file's folder: did you mean ${a.near}?`
      : a.why === 'separator'
        ? `; separate folders with /: did you mean ${a.near}?`
        : `; did you mean ${a.near}?`;

const catalog = {
  'file-unreadable': {
    zh: (a) => `無法讀取檔案：${readReasons[String(a.reason)]?.zh ?? a.reason}`,
    en: (a) => `cannot read the file: ${readReasons[String(a.reason)]?.en ?? a.reason}`,
  },
  'file-empty': {
    zh: () => '檔案是空的；請從範本開始（licheng new course 檔名.md）',
    en: () => 'the file is empty; start from a template (licheng new course FILE.md)',
  },
  'file-binary': {
    zh: () => '這不是文字檔（可能是圖片或 Word 檔）；請以 UTF-8 Markdown 撰寫',
    en: () => 'this is not a text file (an image or a Word file?); write it as UTF-8 Markdown',
  },
  'file-encoding': {
    zh: (a) =>
      a.encoding
        ? `檔案是 ${a.encoding} 編碼，不是 UTF-8；請在編輯器中以 UTF-8 另存（記事本：另存新檔 › 編碼 › UTF-8；VS Code：右下角的編碼 › 以編碼儲存 › UTF-8）`
        : '檔案不是 UTF-8 編碼；請在編輯器中以 UTF-8 另存',
    en: (a) =>
      a.encoding
        ? `the file is ${a.encoding}, not UTF-8; save it as UTF-8 in your editor (Notepad: Save As › Encoding › UTF-8; VS Code: the encoding in the status bar › Save with Encoding › UTF-8)`
        : 'the file is not UTF-8; save it as UTF-8 in your editor',
  },
  'file-too-large': {
    zh: (a) =>
      `檔案有 ${formatBytes(Number(a.bytes))}，超過上限 ${formatBytes(Number(a.max))}；一份學習歷程文件只有幾頁，請確認沒有選錯檔案，或把內容分成幾份文件`,
    en: (a) =>
      `the file is ${formatBytes(Number(a.bytes))}, over the limit of ${formatBytes(Number(a.max))}; a portfolio document is a few pages: check it is the right file, or split it into several documents`,
  },
  'body-too-long': {
    zh: (a) => `內文有 ${a.count} 字，超過上限 ${a.max} 字（約 40 頁）；請精簡，或把內容分成幾份文件`,
    en: (a) => `the body has ${a.count} characters, over the limit of ${a.max} (about 40 pages); shorten it or split it into several documents`,
  },
  'paragraph-too-long': {
    zh: (a) => `這個段落有 ${a.count} 字，超過上限 ${a.max} 字；請用空行把它分成幾段`,
    en: (a) => `this paragraph has ${a.count} characters, over the limit of ${a.max}; split it into several paragraphs with blank lines`,
  },
  'paragraph-too-many-marks': {
    zh: (a) => `這個段落有 ${a.count} 個格式符號（* _ ~ [ ] \`），超過上限 ${a.max} 個；請用空行分段，或刪去多餘的符號（要顯示符號本身，請在前面加 \\）`,
    en: (a) =>
      `this paragraph has ${a.count} formatting marks (* _ ~ [ ] \`), over the limit of ${a.max}; split it with blank lines or remove marks (put \\ before a mark to show it as it is)`,
  },
  'quotes-too-many': {
    zh: (a) => `這份文件的引用區塊（> 開頭）超過 ${a.max} 個；請把連續的引用合併，或改成一般段落`,
    en: (a) => `this document has more than ${a.max} block quotes (lines starting with >); merge adjacent quotes or write them as paragraphs`,
  },
  'pages-too-many': {
    zh: (a) => `排版後有 ${a.pages} 頁，超過上限 ${a.max} 頁，未輸出 PDF；學習歷程文件只需幾頁，請精簡內容或分成幾份文件`,
    en: (a) => `the document typesets to ${a.pages} pages, over the limit of ${a.max}; no PDF was written; shorten it or split it into several documents`,
  },
  'nesting-too-deep': {
    zh: (a) => `這裡的引用、清單、粗斜體或連結套疊超過 ${a.max} 層；請減少套疊的層數`,
    en: (a) => `quotes, lists, emphasis or links are nested more than ${a.max} levels deep here; nest fewer levels`,
  },
  'html-code-dropped': {
    zh: (a) => `<${a.tag}> 是給網頁瀏覽器的程式碼，不會排進 PDF，已略去；若要在文件中展示程式碼，請放進 \`\`\` 程式碼區塊`,
    en: (a) => `<${a.tag}> is code for a web browser, not text: it is left out of the PDF; to show code in the document, put it in a \`\`\` code block`,
  },
  'footnote-undefined': {
    zh: (a) => `註腳 [^${a.label}] 沒有內容，PDF 中會照字面印出；請在文末加上「[^${a.label}]: 註腳內容」`,
    en: (a) => `footnote [^${a.label}] has no definition and is printed as it is; add "[^${a.label}]: the note" at the end`,
  },
  'footnote-duplicate': {
    zh: (a) => `註腳 [^${a.label}] 已在第 ${a.first} 行定義過；請刪除重複的一個，或改用另一個名稱`,
    en: (a) => `footnote [^${a.label}] is already defined on line ${a.first}; remove one of them or use another label`,
  },
  'field-too-long': {
    zh: (a) => `欄位「${a.key}」有 ${a.count} 字，超過上限 ${a.max} 字；標題、名稱這類欄位請寫短一點，詳細內容請寫進內文`,
    en: (a) => `key ${a.key} has ${a.count} characters, over the limit of ${a.max}; keep titles and names short and put details in the body`,
  },
  'front-matter-missing': {
    zh: () => '缺少 YAML 前言（檔案開頭以 --- 包住的基本資料）',
    en: () => 'no YAML front matter (the block between --- lines at the top of the file)',
  },
  'front-matter-unclosed': {
    zh: () => 'YAML 前言沒有結束的 --- 行',
    en: () => 'the YAML front matter has no closing --- line',
  },
  'yaml-syntax': {
    zh: (a) => yamlSyntax(a, 'zh'),
    en: (a) => yamlSyntax(a, 'en'),
  },
  'yaml-not-mapping': {
    zh: () => 'YAML 前言必須是「鍵: 值」的對照表',
    en: () => 'the YAML front matter must be a mapping of key: value',
  },
  'key-required': {
    zh: (a) => `缺少必填欄位「${a.zh}」（${a.key}）`,
    en: (a) => `required key ${a.key} (${a.zh}) is missing`,
  },
  'key-type': {
    zh: (a) =>
      a.roc
        ? `欄位「${a.zh}」寫的是西元 ${a.given} 年；請寫民國年 ${a.roc}（西元年減 1911）`
        : `欄位「${a.zh}」的值不正確；應為 ${valueHints[String(a.shape)]?.zh ?? '一段文字'}`,
    en: (a) =>
      a.roc
        ? `key ${a.key} is the Gregorian year ${a.given}; write the 民國 year ${a.roc} (the year minus 1911)`
        : `key ${a.key} has a wrong value; expected ${valueHints[String(a.shape)]?.en ?? 'text'}`,
  },
  'key-unknown': {
    zh: (a) => `不認得的欄位「${a.key}」，將被忽略${a.near ? `；是不是要寫「${a.near}」？` : ''}`,
    en: (a) => `unknown key ${a.key}; it is ignored${a.near ? ` (did you mean ${a.near}?)` : ''}`,
  },
  'key-duplicate': {
    zh: (a) => `欄位「${a.key}」重複出現（中英文名稱視為同一欄位）`,
    en: (a) => `key ${a.key} is given twice (an English name and its Chinese alias are the same key)`,
  },
  'category-invalid': {
    zh: (a) => `類別「${a.value}」不適用於${a.kind}；可用：${a.allowed}`,
    en: (a) => `category ${a.value} is not valid for a ${a.kind}; use one of ${a.allowed}`,
  },
  'channel-unknown': {
    zh: (a) => `不認得的管道「${a.value}」；可用：${a.allowed}`,
    en: (a) => `unknown channel ${a.value}; use one of ${a.allowed}`,
  },
  'kind-unknown': {
    zh: (a) => `不認得的文件種類「${a.value}」；可用：${a.allowedZh}`,
    en: (a) => `unknown document kind ${a.value}; use one of ${a.allowed}`,
  },
  'summary-too-long': {
    zh: (a) => `簡述有 ${a.count} 字，超過上限 ${a.max} 字；請刪減 ${a.over} 字`,
    en: (a) => `the 簡述 has ${a.count} characters, over the limit of ${a.max}; cut ${a.over}`,
  },
  'section-missing': {
    zh: (a) => `缺少「${a.section}」段落；請加上「## ${a.section}」標題${a.also ? `（寫成${names(a.also, '「', '」', '')}也可以）` : ''}`,
    en: (a) => `the ${a.section} section is missing; add a "## ${a.section}" heading${a.also ? ` (${names(a.also, '"', '"', ', ')} work too)` : ''}`,
  },
  'team-self': {
    zh: (a) => `團隊中應恰有一位是你本人（與 portfolio.yaml 的姓名相同，或標示「本人: true」），現在有 ${a.count} 位`,
    en: (a) => `exactly one team member must be you (same name as in portfolio.yaml, or self: true); found ${a.count}`,
  },
  'team-share-sum': {
    zh: (a) => `貢獻度合計為 ${a.sum}%，應為 100%`,
    en: (a) => `contribution shares add up to ${a.sum}%, not 100%`,
  },
  'team-work-too-long': {
    zh: (a) => `工作內容有 ${a.count} 字，超過 ${a.max} 字`,
    en: (a) => `the work description has ${a.count} characters, over ${a.max}`,
  },
  'image-missing': {
    zh: (a) => `找不到圖片「${a.path}」${nearZh(a)}`,
    en: (a) => `image ${a.path} not found${nearEn(a)}`,
  },
  'image-outside': {
    zh: (a) => `圖片「${a.path}」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將圖片檔本身複製到 media/ 內`,
    en: (a) => `image ${a.path} is outside the portfolio folder (or a link to a file outside it); copy the image itself into media/`,
  },
  'image-not-file': {
    zh: (a) => `「${a.path}」不是圖片檔，而是資料夾或其他特殊檔案；請寫出一張圖片的路徑（是資料夾時，例如「${a.path}/照片.jpg」）`,
    en: (a) => `${a.path} is not an image file but a folder or another special file; write the path of one image (for a folder, e.g. ${a.path}/photo.jpg)`,
  },
  'image-undecodable': {
    zh: (a) => `圖片「${a.path}」損毀、不完整或不是圖片檔，無法解碼（${a.reason}）；請從原始裝置重新匯出成 JPG 或 PNG`,
    en: (a) => `image ${a.path} is damaged, incomplete or not an image and cannot be decoded (${a.reason}); export it again as JPG or PNG`,
  },
  'image-heic': {
    zh: (a) => `無法讀取 HEIC 照片「${a.path}」；請匯出成 JPEG 再放進 media/（iPhone：設定 › 相機 › 格式 › 最相容；或在「照片」中分享為 JPEG）`,
    en: (a) => `cannot read the HEIC photo ${a.path}; export it as JPEG into media/ (iPhone: Settings › Camera › Formats › Most Compatible)`,
  },
  'image-remote': {
    zh: (a) => `不支援網路圖片「${a.path}」；請下載後放進 media/`,
    en: (a) => `remote image ${a.path} is not supported; download it into media/`,
  },
  'glyph-missing': {
    zh: (a) =>
      `字型沒有「${a.char}」（${a.code}）這個字${Number(a.count) > 1 ? `（共 ${a.count} 處，這裡是第一處）` : ''}，PDF 中將以代碼顯示；請改用其他字或自訂字型`,
    en: (a) =>
      `the font has no glyph for ${a.char} (${a.code})${Number(a.count) > 1 ? ` (${a.count} times, first here)` : ''}; it is shown as its code in the PDF; use another character or add a font`,
  },
  'file-missing': {
    zh: (a) => `找不到檔案「${a.path}」${nearZh(a)}`,
    en: (a) => `file ${a.path} not found${nearEn(a)}`,
  },
  'file-outside': {
    zh: (a) => `檔案「${a.path}」在作品集資料夾之外（或是指向外面的捷徑、連結）；請將檔案本身複製到作品集內（例如 media/）`,
    en: (a) => `file ${a.path} is outside the portfolio folder (or a link to a file outside it); copy the file itself inside (e.g. media/)`,
  },
  'file-not-file': {
    zh: (a) => `「${a.path}」不是一般檔案，而是資料夾或其他特殊檔案；請寫出一個檔案的路徑（是資料夾時，例如「${a.path}/檔名.pdf」）`,
    en: (a) => `${a.path} is not a regular file but a folder or another special file; write the path of one file (for a folder, e.g. ${a.path}/name.pdf)`,
  },
  'file-remote': {
    zh: (a) => `不支援網址「${a.path}」；請下載後放進作品集資料夾`,
    en: (a) => `URL ${a.path} is not supported; download the file into the portfolio`,
  },
  'evidence-undecodable': {
    zh: (a) =>
      a.problem === 'password'
        ? `PDF「${a.path}」要輸入密碼才能開啟，審查者也打不開；請用閱讀程式開啟後另存一份沒有開啟密碼的 PDF（例如「列印 › 另存為 PDF」）`
        : `無法讀取 PDF「${a.path}」（可能已損毀或有密碼）；請重新掃描或另存成 PDF`,
    en: (a) =>
      a.problem === 'password'
        ? `PDF ${a.path} needs a password to open, so a reviewer could not open it either; open it and save a copy without an open password (e.g. Print › Save as PDF)`
        : `cannot read PDF ${a.path} (damaged or password-protected?); scan or save it again`,
  },
  'portfolio-missing': {
    zh: (a) => `找不到 portfolio.yaml（從 ${a.dir} 往上都沒有）；學生姓名與學校將留白`,
    en: (a) => `no portfolio.yaml found (searched up from ${a.dir}); student name and school are left blank`,
  },
  'pdf-over-cap': {
    zh: (a) =>
      a.images
        ? `PDF 為 ${formatBytes(Number(a.bytes))}，上限 ${formatBytes(Number(a.max))}；圖片已壓到最低品質仍放不下，請減少圖片或頁數（目前 ${a.pages} 頁）`
        : `PDF 為 ${formatBytes(Number(a.bytes))}，上限 ${formatBytes(Number(a.max))}；這份文件沒有圖片，請縮短內容或附加的 PDF（目前 ${a.pages} 頁）`,
    en: (a) =>
      a.images
        ? `the PDF is ${formatBytes(Number(a.bytes))}, over the cap of ${formatBytes(Number(a.max))} even with images at the lowest quality; remove images or pages (now ${a.pages})`
        : `the PDF is ${formatBytes(Number(a.bytes))}, over the cap of ${formatBytes(Number(a.max))}; it has no images: shorten the text or the attached PDFs (now ${a.pages} pages)`,
  },
  'pdf-images-recompressed': {
    zh: (a) => `為了符合 ${formatBytes(Number(a.max))} 上限，圖片已重新壓縮（品質 ${a.quality}）`,
    en: (a) => `images were recompressed (quality ${a.quality}) to fit the ${formatBytes(Number(a.max))} cap`,
  },
  'cap-over-channel': {
    zh: (a) => `${a.code} 的上限 ${a.cap} 超過${a.channel}（${a.year} 學年度）規定的 ${a.max}；校系上限只能更嚴，不能放寬`,
    en: (a) => `the cap of ${a.cap} for ${a.code} exceeds the ${a.max} allowed on ${a.channel} (${a.year}); a department may only lower it`,
  },
  'cap-unknown-code': {
    zh: (a) => `${a.channel} 沒有「${a.code}」這個項目上限；可用：${a.allowed}`,
    en: (a) => `${a.channel} has no cap for ${a.code}; use ${a.allowed}`,
  },
  'channel-year-unknown': {
    zh: (a) => `查無 ${a.channel} 在 ${a.year} 學年度的規定`,
    en: (a) => `no rules known for ${a.channel} in ${a.year}`,
  },
  'item-missing': {
    zh: (a) => `找不到項目檔案「${a.path}」${nearZh(a)}`,
    en: (a) => `item ${a.path} not found${nearEn(a)}`,
  },
  'item-wrong-kind': {
    zh: (a) =>
      `「${a.path}」是${itemWords[a.actual]?.zh ?? (a.actualName === undefined ? a.actual : /^[A-D]-\d$/.test(String(a.actual)) ? ` ${a.actual} ${a.actualName}` : a.actualName)}，不能放在 ${a.code}（${a.expected}）`,
    en: (a) => `${a.path} is ${itemWords[a.actual]?.en ?? `a ${a.actual} document`}; it cannot go under ${a.code}`,
  },
  'item-duplicate': {
    zh: (a) => `「${a.path}」重複選用（第一次在 ${a.first}）`,
    en: (a) => `${a.path} is chosen twice (first under ${a.first})`,
  },
  'item-over-cap': {
    zh: (a) => `${a.code} 選了 ${a.count} 件，超過上限 ${a.cap} 件；請刪去 ${a.over} 件`,
    en: (a) => `${a.count} items under ${a.code}, over the cap of ${a.cap}; drop ${a.over}`,
  },
  'item-b1-required': {
    zh: (a) => `${a.channel}至少要上傳 1 件 B-1 專題實作及實習科目學習成果`,
    en: (a) => `${a.channel} requires at least one B-1 item`,
  },
  'item-invalid': {
    zh: (a) => `「${a.path}」有錯誤，請先修正它（licheng check）`,
    en: (a) => `${a.path} has errors; fix it first (licheng check)`,
  },
  'year-over-submission': {
    zh: (a) =>
      `${a.year} 學年度已有 ${a.count} 件${a.kind}，每學年只能提交 ${a.max} 件到資料庫（這是第 ${a.index} 件）；上傳時請挑出最能代表你的 ${a.max} 件，其餘不必刪除`,
    en: (a) =>
      `${a.count} ${a.kind} items in school year ${a.year}; only ${a.max} can be submitted per year (this is #${a.index}): when you upload, pick the ${a.max} that show you best; the others need not be deleted`,
  },
  'essay-too-long': {
    zh: (a) => `${a.channel}的多元表現綜整心得限 ${a.max} 字，目前 ${a.count} 字；請刪減 ${a.over} 字`,
    en: (a) => `the 多元表現綜整心得 for ${a.channel} allows ${a.max} characters; it has ${a.count} (cut ${a.over})`,
  },
  'essay-too-many-images': {
    zh: (a) => `${a.channel}的多元表現綜整心得限 ${a.max} 張圖片，目前 ${a.count} 張`,
    en: (a) => `the 多元表現綜整心得 for ${a.channel} allows ${a.max} images; it has ${a.count}`,
  },
  'reflection-thin': {
    zh: (a) =>
      `心得與反思只有 ${a.count} 字；試著依序寫出：經歷了什麼 → 發現了什麼 → 學習了什麼 → 影響了什麼${a.missing ? `（目前少了：${moves(a.missing, 'zh')}）` : '，每一步都寫得更具體'}`,
    en: (a) =>
      `the reflection has only ${a.count} characters; write what happened → what you found → what you learned → what it changed${a.missing ? ` (missing: ${moves(a.missing, 'en')})` : ', each in more detail'}`,
  },
  'contribution-thin': {
    zh: () => '個人貢獻度只重複了表格；請具體寫出你做了哪些事、遇到什麼問題、如何解決',
    en: () => 'the contribution section only repeats the table; say what you did, what went wrong and how you solved it',
  },
  'motivation-untied': {
    zh: (a) => `就讀動機沒有提到「${a.department}」；請寫出你為什麼想讀這個科系`,
    en: (a) => `the motivation does not mention ${a.department}; say why this department`,
  },
  'form-template-invalid': {
    zh: (a) =>
      `校系範本無法套用：${a.reason}；請修正這個範本檔（{{#if}} 與 {{/if}} 要成對，{{> 名稱}} 用到的部分範本要存在），或從目標檔刪去「範本」改用內建表格`,
    en: (a) =>
      `the department template cannot be rendered: ${a.reason}; fix this template file ({{#if}} needs its {{/if}}, a partial {{> name}} must exist), or remove 範本 from the target to use the built-in forms`,
  },
  'bundle-over-cap': {
    zh: (a) =>
      `${a.file} 合併後為 ${formatBytes(Number(a.bytes))}，超過上限 ${formatBytes(Number(a.max))}，照片壓縮後仍放不下；請在報考校系檔案中把這些項目移出這個類別：${a.items}`,
    en: (a) =>
      `${a.file} would be ${formatBytes(Number(a.bytes))}, over the cap of ${formatBytes(Number(a.max))} even with its photos compressed; remove these items from the category in the target file: ${a.items}`,
  },
  'placeholder-left': {
    zh: (a) =>
      Number(a.count ?? 1) > 1
        ? `範本的提示文字還有 ${a.count} 處（第 ${a.lines} 行），第一處：「${a.text}…」；請改寫成你自己的內容`
        : `範本的提示文字還在：「${a.text}…」；請改寫成你自己的內容`,
    en: (a) =>
      Number(a.count ?? 1) > 1
        ? `${a.count} template prompts are still here (lines ${a.lines}), the first: "${a.text}…"; replace them with your own words`
        : `a template prompt is still here: "${a.text}…"; replace it with your own words`,
  },
  'template-pack-missing': {
    zh: (a) =>
      `找不到範本包「${a.name}」（portfolio 的 .licheng/packs/ 和 licheng 內建的範本包都沒有）；段落名稱改用預設。請向老師要範本包，再用 licheng new … --template 範本包 建立，或刪掉這一行`,
    en: (a) =>
      `template pack ${a.name} not found (neither in .licheng/packs/ nor among licheng's own); default section names apply. Get the pack from your teacher, or remove this line`,
  },
  'image-path-space': {
    zh: (a) => `圖片路徑「${a.path}」有空格，Markdown 不認得（licheng 仍會放入這張圖）；請寫成 ![說明](<${a.path}>)，或把空格改成 %20`,
    en: (a) =>
      `the image path "${a.path}" has a space, which Markdown does not read (licheng still places the image); write ![alt](<${a.path}>) or replace spaces with %20`,
  },
  'statement-target-unknown': {
    zh: (a) =>
      `報考校系「${a.value}」找不到對應的檔案${a.near ? `；是不是「${a.near}」？` : a.available ? `；可用：${a.available}` : '；targets/ 資料夾裡還沒有任何校系（licheng new target targets/校系.yaml）'}`,
    en: (a) =>
      `target ${a.value} does not exist${a.near ? `; did you mean ${a.near}?` : a.available ? `; available: ${a.available}` : '; targets/ has no target yet (licheng new target targets/NAME.yaml)'}`,
  },
  'team-table-manual': {
    zh: (a) =>
      `這張分工表不會被當成團隊資料（PDF 會寫「個人」${Number(a.sum) !== 100 ? `，而且貢獻度合計 ${a.sum}%` : ''}）；請刪掉它，改在前言寫「團隊:」清單，每位成員寫 姓名、工作內容、貢獻度，licheng 會自動產生這張表`,
    en: (a) =>
      `this table is not read as the team (the PDF says individual work${Number(a.sum) !== 100 ? ` and its shares sum to ${a.sum}%` : ''}); remove it and list the members under team: in the front matter (name, work, share); licheng draws the table`,
  },
  'target-placeholder': {
    zh: (a) => `「${a.key}」還是範本的提示文字；請填上報考的${a.key === '系所' || a.key === 'department' ? '系所' : '學校'}名稱，這個校系才能打包`,
    en: (a) =>
      `${a.key} is still the template's prompt; fill in the ${a.key === '系所' || a.key === 'department' ? 'department' : 'school'} before this target can be packed`,
  },
  'media-unfit': {
    zh: (a) => mediaErrorText(a, 'zh'),
    en: (a) => mediaErrorText(a, 'en'),
  },
  'render-failed': {
    zh: (a) => `排版失敗：${a.reason}`,
    en: (a) => `typesetting failed: ${a.reason}`,
  },
  'write-failed': {
    zh: (a) => `無法寫出 ${a.path}：${a.reason}`,
    en: (a) => `cannot write ${a.path}: ${a.reason}`,
  },
  'font-unreadable': {
    zh: (a) => `無法載入字型 ${a.path}：${fontReasons(a).zh ?? readReasons[String(a.reason)]?.zh ?? '不是可用的 TrueType／OpenType 字型檔'}`,
    en: (a) => `cannot load font ${a.path}: ${fontReasons(a).en ?? readReasons[String(a.reason)]?.en ?? `not a usable TrueType/OpenType font (${a.reason})`}`,
  },
  'path-missing': {
    zh: (a) => `找不到路徑 ${a.path}`,
    en: (a) => `path ${a.path} does not exist`,
  },
  'document-skipped': {
    zh: (a) => `這份文件沒有建置：${skipReasons[String(a.reason)]?.zh ?? a.reason}`,
    en: (a) => `this document is not built: ${skipReasons[String(a.reason)]?.en ?? a.reason}`,
  },
  'out-not-folder': {
    zh: (a) => `輸出位置「${a.path}」不是資料夾（是檔案或裝置）；請用 -o 指定一個資料夾，例如 -o out`,
    en: (a) => `the output ${a.path} is not a folder (it is a file or a device); give -o a folder, e.g. -o out`,
  },
  'out-unwritable': {
    zh: (a) => `無法在輸出資料夾「${a.path}」寫入檔案（${a.reason}）；請用 -o 指定你有權限寫入的資料夾`,
    en: (a) => `cannot write files in the output folder ${a.path} (${a.reason}); give -o a folder you can write to`,
  },
  'out-in-portfolio': {
    zh: (a) => `輸出資料夾「${a.path}」在作品集裡，會和你的原始檔混在一起；請省略 -o（預設 out/），或指定 out/ 底下或作品集外的資料夾`,
    en: (a) =>
      `the output folder ${a.path} is inside the portfolio, among your sources; leave out -o (default out/), or choose a folder under out/ or outside the portfolio`,
  },
  'out-holds-portfolio': {
    zh: (a) => `輸出資料夾「${a.path}」包含作品集本身，輸出會寫在原始檔旁邊；請省略 -o（預設 out/），或指定作品集外的另一個資料夾`,
    en: (a) =>
      `the output folder ${a.path} contains the portfolio itself, so outputs would land beside your sources; leave out -o (default out/), or choose another folder outside the portfolio`,
  },
  'out-not-ours': {
    zh: (a) => `「${a.path}」已存在，但不是 licheng 產生的；為免取代別人的檔案，沒有寫入。請把它改名或移走，或用 -o 指定別的輸出資料夾`,
    en: (a) => `${a.path} exists and was not made by licheng; nothing was written over it. Rename or move it, or choose another output folder with -o`,
  },
  'no-documents': {
    zh: (a) => `${a.path} 中沒有可建置的文件`,
    en: (a) => `no documents to build in ${a.path}`,
  },
} satisfies Catalog;

export type MessageId = keyof typeof catalog;
export const isMessageId = (id: string): id is MessageId => Object.hasOwn(catalog, id);
export const messageIds = (): MessageId[] => Object.keys(catalog) as MessageId[];

/** The arguments a message takes. */
export type ArgsOf<K extends MessageId> = K extends keyof MessageArgsById ? MessageArgsById[K] : MessageArgs;

export function message<K extends MessageId>(id: K, args: ArgsOf<K>, lang: Lang): string {
  return (catalog[id][lang] as (a: ArgsOf<K>) => string)(args);
}

/** Words of the interface that are not diagnostics (CLI help, progress). */
export const ui = {
  wrote: { zh: '已輸出', en: 'wrote' },
  documents: { zh: '份文件', en: 'documents' },
  errors: { zh: '個錯誤', en: 'errors' },
  warnings: { zh: '個警告', en: 'warnings' },
} satisfies Record<string, Record<Lang, string>>;
