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
  const template = await vscode.window.showQuickPick([{ label: strings.builtInTemplate, pick: false }, { label: strings.templateFromFolder, pick: true }], { placeHolder: strings.pickTemplate });
  if (!template) return;
  let pack: vscode.Uri | undefined;
  if (template.pick) {
    pack = (await vscode.window.showOpenDialog({ canSelectFiles: true, canSelectFolders: true, filters: { zip: ['zip'] }, defaultUri: folder }))?.[0];
    if (!pack) return;
  }
  const suggested = folder && vscode.Uri.joinPath(folder, picked.choice.folder, `${picked.choice.kind === 'summary' ? 'summary' : 'new'}.${picked.choice.extension}`);
  const file = await vscode.window.showSaveDialog({ title: strings.newFileTitle, defaultUri: suggested, filters: { [strings.kinds[picked.choice.kind]]: [picked.choice.extension] } });
  if (!file) return;
  const args = ['new', picked.choice.kind, file.fsPath, ...(pack ? ['--template', pack.fsPath] : []), ...(lang === 'en' ? ['--lang', 'en'] : [])];
  const { code, output } = await runCli(cli, args, folder?.fsPath ?? process.cwd());
  if (code !== 0) {
    void vscode.window.showErrorMessage(output);
    return;
  }
  await vscode.window.showTextDocument(file);
}
