import type { Lang } from '../messages.js';

type Text = Record<Lang, string>;

/**
 * Everything the studio says, in both languages: the server's answers and the page's labels
 * (the page bundle imports this file, so the words live in one place).
 */
export const studioText = {
  summary: { zh: '在瀏覽器中編輯整份學習歷程（本機伺服器）', en: 'edit the whole portfolio in a browser (local server)' },
  help: {
    zh: ['  --port N     使用的連接埠（預設：自動挑一個空的）', '  --no-open    不自動開啟瀏覽器，只印出網址', '按 Ctrl+C 結束。'],
    en: ['  --port N     port to listen on (default: any free one)', '  --no-open    print the URL without opening a browser', 'Press Ctrl+C to stop.'],
  },
  listening: { zh: 'licheng studio 已啟動，用瀏覽器開啟：', en: 'licheng studio is running; open in your browser:' },
  stop: { zh: '按 Ctrl+C 結束。', en: 'Press Ctrl+C to stop.' },
  badPort: { zh: '--port 要是 0 到 65535 之間的整數', en: '--port must be a whole number from 0 to 65535' },
  portBusy: {
    zh: '這個連接埠已被其他程式使用；換一個 --port，或省略它讓 licheng 自動挑選',
    en: 'that port is in use by another program; choose another --port, or leave it out and licheng picks a free one',
  },
  notFolder: { zh: '找不到這個資料夾', en: 'no such folder' },
  noPortfolio: {
    zh: '這個資料夾（和它的上層）沒有 portfolio.yaml：請在學習歷程資料夾裡執行 licheng studio；要開始新的，先執行 licheng init',
    en: 'no portfolio.yaml in this folder or above it: run licheng studio inside your portfolio folder; to start a new one, run licheng init first',
  },
  refused: { zh: '拒絕存取：請用 licheng studio 印出的網址開啟', en: 'refused: open the studio with the URL licheng studio printed' },
  problem: {
    outside: { zh: '這個檔案在學習歷程資料夾之外，studio 不會讀寫它', en: 'this file lies outside the portfolio folder; the studio will not read or write it' },
    missing: { zh: '找不到這個檔案（可能已被移動或刪除）', en: 'this file does not exist (moved or deleted?)' },
    'not-file': { zh: '這不是一般檔案', en: 'this is not a regular file' },
    remote: { zh: '不能開啟網址', en: 'URLs cannot be opened' },
    'not-editable': { zh: 'studio 只編輯 .md 與 .yaml 檔', en: 'the studio edits only .md and .yaml files' },
    'not-utf8': {
      zh: '這個檔案不是 UTF-8 編碼，studio 開啟會弄壞文字；請用編輯器另存為 UTF-8 後再開',
      en: 'this file is not UTF-8 and the studio would damage its text; save it as UTF-8 in another editor, then open it again',
    },
  },
  tooLarge: { zh: '檔案太大，無法上傳', en: 'the file is too large to upload' },
  badRequest: { zh: '請求格式不正確', en: 'malformed request' },
  // The page.
  title: { zh: 'licheng studio　學習歷程編輯器', en: 'licheng studio' },
  groups: {
    course: { zh: '課程學習成果', en: 'Course outcomes' },
    performance: { zh: '多元表現', en: 'Performances' },
    summary: { zh: '綜整心得', en: 'Summary essay' },
    statement: { zh: '自述', en: 'Statements' },
    target: { zh: '報考校系', en: 'Targets' },
    media: { zh: '媒體', en: 'Media' },
  },
  newDocument: { zh: '＋ 新增文件', en: '+ New document' },
  newKind: { zh: '種類', en: 'Kind' },
  newFileName: { zh: '檔名', en: 'File name' },
  newName: { zh: '檔名（例如 物理探究）', en: 'File name (e.g. physics-inquiry)' },
  newTemplate: { zh: '範本包（可不選）', en: 'Template pack (optional)' },
  create: { zh: '建立', en: 'Create' },
  cancel: { zh: '取消', en: 'Cancel' },
  save: { zh: '儲存', en: 'Save' },
  build: { zh: '產生 PDF', en: 'Build PDF' },
  discard: { zh: '放棄修改', en: 'Discard changes' },
  saved: { zh: '已儲存', en: 'Saved' },
  unsaved: { zh: '尚未儲存', en: 'Unsaved' },
  restored: { zh: '已還原上次未儲存的修改', en: 'Restored your unsaved changes' },
  pickFile: { zh: '從左邊選一份文件開始編輯，或按「＋ 新增文件」', en: 'Pick a document on the left, or press “+ New document”' },
  problems: { zh: '問題', en: 'Problems' },
  noProblems: { zh: '沒有問題 ✓', en: 'No problems ✓' },
  fix: { zh: '修正', en: 'Fix' },
  fixHint: { zh: '這一行的問題可以自動修正：點燈泡或按 Ctrl+.', en: 'A problem on this line can be fixed for you: click the bulb or press Ctrl+.' },
  targets: { zh: '上傳準備', en: 'Upload readiness' },
  pack: { zh: '打包', en: 'Pack' },
  ready: { zh: '可以上傳', en: 'Ready' },
  notReady: { zh: '還有錯誤', en: 'Has errors' },
  preview: { zh: '預覽', en: 'Preview' },
  previewWaiting: { zh: '正在產生預覽…', en: 'Rendering preview…' },
  conflictTitle: { zh: '這個檔案在你開啟後被其他程式改過了', en: 'This file was changed by another program after you opened it' },
  conflictExplain: {
    zh: '有 {count} 行不一樣（標色的行）。「保留我的版本」會蓋掉另一個程式的修改；「改用磁碟上的版本」會放棄你還沒儲存的修改。',
    en: '{count} lines differ (marked). “Keep my version” overwrites the other program’s changes; “Use the version on disk” drops your unsaved changes.',
  },
  conflictMine: { zh: '保留我的版本', en: 'Keep my version' },
  conflictDisk: { zh: '改用磁碟上的版本', en: 'Use the version on disk' },
  yours: { zh: '你的版本', en: 'Your version' },
  onDisk: { zh: '磁碟上的版本', en: 'Version on disk' },
  dropHint: { zh: '把照片或影片拖到編輯區，就會自動壓縮並插入', en: 'Drop a photo or video on the editor to fit and insert it' },
  uploading: { zh: '正在壓縮', en: 'Fitting' },
  inserted: { zh: '已插入', en: 'Inserted' },
  building: { zh: '正在產生 PDF…', en: 'Building PDF…' },
  packing: { zh: '正在打包…', en: 'Packing…' },
  disconnected: {
    zh: '與 licheng 的連線中斷了：請確認終端機裡的 licheng studio 還在執行，然後重新整理',
    en: 'Lost the connection to licheng: check that licheng studio still runs in the terminal, then reload',
  },
} as const;

export type StudioText = typeof studioText;

/** One text in the page's or server's language. */
export const say = (text: Text, lang: Lang): string => text[lang];
