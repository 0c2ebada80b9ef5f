import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { runCli } from './server-process.js';
import { newKinds } from './selectors.js';
import type { Strings, UiLang } from './strings.js';

/** New document from template: kind → templates (built in, or a teacher's pack) → where; then opens it. */
export async function newDocumentCommand(cli: string, strings: Strings, lang: UiLang): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showQuickPick(
    newKinds.map((choice) => ({ label: strings.kinds[choice.kind], description: choice.kind, choice })),
    { placeHolder: strings.pickKind },
  );
  if (!picked) return;
  // The packs shipped with licheng go by name (`--template physics-inquiry`); a teacher's by its path.
  const shipped = await readdir(join(dirname(cli), '..', '..', 'templates', 'packs')).catch(() => []);
  const template = await vscode.window.showQuickPick(
    [{ label: strings.builtInTemplate }, ...shipped.map((name) => ({ label: name, pack: name })), { label: strings.templateFromFolder, pick: true }],
    { placeHolder: strings.pickTemplate },
  );
  if (!template) return;
  let pack = 'pack' in template ? template.pack : undefined;
  if ('pick' in template) {
    pack = (await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, filters: { zip: ['zip'] }, defaultUri: folder }))?.[0]?.fsPath;
    if (!pack) return;
  }
  const suggested =
    folder && vscode.Uri.joinPath(folder, picked.choice.folder, `${picked.choice.kind === 'summary' ? 'summary' : 'new'}.${picked.choice.extension}`);
  const file = await vscode.window.showSaveDialog({
    title: strings.newFileTitle,
    defaultUri: suggested,
    filters: { [strings.kinds[picked.choice.kind]]: [picked.choice.extension] },
  });
  if (!file) return;
  const args = ['new', picked.choice.kind, file.fsPath, ...(pack ? ['--template', pack] : []), ...(lang === 'en' ? ['--lang', 'en'] : [])];
  const { code, output } = await runCli(cli, args, folder?.fsPath ?? process.cwd());
  if (code !== 0) {
    void vscode.window.showErrorMessage(output);
    return;
  }
  await vscode.window.showTextDocument(file);
}
