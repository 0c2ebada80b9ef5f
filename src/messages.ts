/**
 * Every sentence licheng says to a person, in Traditional Chinese (default) and English.
 * The key doubles as the diagnostic's rule id.
 */
export type Lang = 'zh' | 'en';
export type MessageArgs = Record<string, string | number>;

type Text = (a: MessageArgs) => string;

/** System error codes a student may meet when a file cannot be read. */
const readReasons: Record<string, string> = {
  EACCES: '沒有讀取權限',
  EPERM: '沒有讀取權限',
  EISDIR: '這是資料夾，不是檔案',
  ENOENT: '檔案不存在',
  EBUSY: '檔案正被其他程式使用',
};

/** What a front-matter key expects, said to a student. */
const valueHints: Record<string, Record<Lang, string>> = {
  title: { zh: '一段文字', en: 'text' },
  course: { zh: '科目名稱文字', en: 'a course name' },
  category: { zh: 'B-1 或 B-2', en: 'B-1 or B-2' },
  year: { zh: '學年度數字，例如 112', en: 'a school year such as 112' },
  term: { zh: '1 或 2', en: '1 or 2' },
  credits: { zh: '整數學分，例如 2', en: 'a whole number such as 2' },
  teacher: { zh: '教師姓名', en: 'a name' },
  summary: { zh: '一段 100 字內的文字', en: 'text of at most 100 characters' },
  team: { zh: '成員清單（姓名、工作內容、貢獻度）', en: 'a list of members (name, work, share)' },
  name: { zh: '姓名文字', en: 'a name' },
  work: { zh: '工作內容文字', en: 'text' },
  share: { zh: '0 到 100 的百分比，例如 40', en: 'a percentage from 0 to 100, such as 40' },
  self: { zh: 'true 或 false', en: 'true or false' },
  media: { zh: '影音檔路徑', en: 'a path to an audio or video file' },
  student: { zh: '學生姓名', en: 'the student name' },
  school: { zh: '學校名稱', en: 'the school name' },
  theme: { zh: 'sans 或 serif', en: 'sans or serif' },
  font: { zh: '字型檔路徑（regular、bold）', en: 'font file paths (regular, bold)' },
};

const catalog = {
  'file-unreadable': {
    zh: (a) => `無法讀取檔案：${readReasons[String(a.reason)] ?? a.reason}`,
    en: (a) => `cannot read the file: ${a.reason}`,
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
    zh: () => '檔案不是 UTF-8 編碼；請在編輯器中以 UTF-8 另存',
    en: () => 'the file is not UTF-8; save it as UTF-8 in your editor',
  },
  'file-too-large': {
    zh: (a) => `檔案有 ${(Number(a.bytes) / 1e6).toFixed(1)} MB，超過上限 ${Number(a.max) / 1e6} MB；一份學習歷程文件只有幾頁，請確認沒有選錯檔案，或把內容分成幾份文件`,
    en: (a) => `the file is ${(Number(a.bytes) / 1e6).toFixed(1)} MB, over the limit of ${Number(a.max) / 1e6} MB; a portfolio document is a few pages: check it is the right file, or split it into several documents`,
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
    en: (a) => `this paragraph has ${a.count} formatting marks (* _ ~ [ ] \`), over the limit of ${a.max}; split it with blank lines or remove marks (put \\ before a mark to show it as it is)`,
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
    zh: (a) => `YAML 語法錯誤：${a.reason}`,
    en: (a) => `YAML syntax error: ${a.reason}`,
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
    zh: (a) => `欄位「${a.zh}」的值不正確；應為 ${valueHints[String(a.key)]?.zh ?? '正確的格式'}`,
    en: (a) => `key ${a.key} has a wrong value; expected ${valueHints[String(a.key)]?.en ?? 'another format'}`,
  },
  'key-unknown': {
    zh: (a) => `不認得的欄位「${a.key}」，將被忽略`,
    en: (a) => `unknown key ${a.key}; it is ignored`,
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
    zh: (a) => `缺少「${a.section}」段落；請加上「## ${a.section}」標題`,
    en: (a) => `the ${a.section} section is missing; add a "## ${a.section}" heading`,
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
    zh: (a) => `找不到圖片「${a.path}」`,
    en: (a) => `image ${a.path} not found`,
  },
  'image-outside': {
    zh: (a) => `圖片「${a.path}」在作品集資料夾之外；請將它複製到 media/ 內`,
    en: (a) => `image ${a.path} is outside the portfolio folder; copy it into media/`,
  },
  'image-undecodable': {
    zh: (a) => `無法解讀圖片「${a.path}」：${a.reason}`,
    en: (a) => `cannot decode image ${a.path}: ${a.reason}`,
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
    zh: (a) => `字型沒有「${a.char}」（${a.code}）這個字${Number(a.count) > 1 ? `（共 ${a.count} 處，這裡是第一處）` : ''}，PDF 中將以代碼顯示；請改用其他字或自訂字型`,
    en: (a) => `the font has no glyph for ${a.char} (${a.code})${Number(a.count) > 1 ? ` (${a.count} times, first here)` : ''}; it is shown as its code in the PDF; use another character or add a font`,
  },
  'file-missing': {
    zh: (a) => `找不到檔案「${a.path}」`,
    en: (a) => `file ${a.path} not found`,
  },
  'file-outside': {
    zh: (a) => `檔案「${a.path}」在作品集資料夾之外；請將它複製到作品集內（例如 media/）`,
    en: (a) => `file ${a.path} is outside the portfolio folder; copy it inside (e.g. media/)`,
  },
  'file-remote': {
    zh: (a) => `不支援網址「${a.path}」；請下載後放進作品集資料夾`,
    en: (a) => `URL ${a.path} is not supported; download the file into the portfolio`,
  },
  'evidence-undecodable': {
    zh: (a) => `無法讀取 PDF「${a.path}」（可能已損毀或有密碼）；請重新掃描或另存成 PDF`,
    en: (a) => `cannot read PDF ${a.path} (damaged or password-protected?); scan or save it again`,
  },
  'portfolio-missing': {
    zh: (a) => `找不到 portfolio.yaml（從 ${a.dir} 往上都沒有）；學生姓名與學校將留白`,
    en: (a) => `no portfolio.yaml found (searched up from ${a.dir}); student name and school are left blank`,
  },
  'pdf-over-cap': {
    zh: (a) => `PDF 為 ${a.bytes} 位元組，超過上限 ${a.max}；圖片已壓到最低品質仍放不下，請減少圖片或頁數（目前 ${a.pages} 頁）`,
    en: (a) => `the PDF is ${a.bytes} bytes, over the cap of ${a.max} even with images at the lowest quality; remove images or pages (now ${a.pages})`,
  },
  'pdf-images-recompressed': {
    zh: (a) => `為了符合 ${a.max} 位元組上限，圖片已重新壓縮（品質 ${a.quality}）`,
    en: (a) => `images were recompressed (quality ${a.quality}) to fit the ${a.max}-byte cap`,
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
    zh: (a) => `找不到項目檔案「${a.path}」`,
    en: (a) => `item ${a.path} not found`,
  },
  'item-wrong-kind': {
    zh: (a) => `「${a.path}」是${a.actual}，不能放在 ${a.code}（${a.expected}）`,
    en: (a) => `${a.path} is ${a.actual}; it cannot go under ${a.code} (${a.expected})`,
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
    zh: (a) => `${a.year} 學年度已有 ${a.count} 件${a.kind}，每學年只能提交 ${a.max} 件到資料庫；這是第 ${a.index} 件`,
    en: (a) => `${a.count} ${a.kind} items in school year ${a.year}; only ${a.max} can be submitted per year (this is #${a.index})`,
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
    zh: (a) => `心得與反思只有 ${a.count} 字；試著依序寫出：經歷了什麼 → 發現了什麼 → 學習了什麼 → 影響了什麼${a.missing ? `（目前少了：${a.missing}）` : '，每一步都寫得更具體'}`,
    en: (a) => `the reflection has only ${a.count} characters; write what happened → what you found → what you learned → what it changed${a.missing ? ` (missing: ${a.missing})` : ', each in more detail'}`,
  },
  'contribution-thin': {
    zh: () => '個人貢獻度只重複了表格；請具體寫出你做了哪些事、遇到什麼問題、如何解決',
    en: () => 'the contribution section only repeats the table; say what you did, what went wrong and how you solved it',
  },
  'motivation-untied': {
    zh: (a) => `就讀動機沒有提到「${a.department}」；請寫出你為什麼想讀這個科系`,
    en: (a) => `the motivation does not mention ${a.department}; say why this department`,
  },
  'bundle-over-cap': {
    zh: (a) => `${a.file} 合併後為 ${a.bytes} 位元組，超過上限 ${a.max}；請刪去或縮小其中項目：${a.items}`,
    en: (a) => `${a.file} would be ${a.bytes} bytes, over the cap of ${a.max}; drop or shrink one of: ${a.items}`,
  },
  'placeholder-left': {
    zh: (a) => `範本的提示文字還在：「${a.text}…」；請改寫成你自己的內容`,
    en: (a) => `a template prompt is still here: "${a.text}…"; replace it with your own words`,
  },
  'media-unfit': {
    zh: (a) => String(a.zh),
    en: (a) => String(a.en),
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
    zh: (a) => `無法載入字型 ${a.path}：${readReasons[String(a.reason)] ?? '不是可用的 TrueType／OpenType 字型檔'}`,
    en: (a) => `cannot load font ${a.path}: ${a.reason}`,
  },
  'path-missing': {
    zh: (a) => `找不到路徑 ${a.path}`,
    en: (a) => `path ${a.path} does not exist`,
  },
  'no-documents': {
    zh: (a) => `${a.path} 中沒有可建置的文件`,
    en: (a) => `no documents to build in ${a.path}`,
  },
} satisfies Record<string, Record<Lang, Text>>;

export type MessageId = keyof typeof catalog;

export function message(id: MessageId, args: MessageArgs, lang: Lang): string {
  return catalog[id][lang](args);
}

/** Words of the interface that are not diagnostics (CLI help, progress). */
export const ui = {
  wrote: { zh: '已輸出', en: 'wrote' },
  documents: { zh: '份文件', en: 'documents' },
  errors: { zh: '個錯誤', en: 'errors' },
  warnings: { zh: '個警告', en: 'warnings' },
} satisfies Record<string, Record<Lang, string>>;
