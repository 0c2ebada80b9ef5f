import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import type { CommandResult } from './protocol.js';
import type { Strings } from './strings.js';

/**
 * One of the server's commands (build, pack, compress) with its `$/progress` shown as a
 * notification; the server's answer says what happened and which files it wrote.
 */
export async function runServerCommand(client: LanguageClient, command: string, argument: string | undefined, title: string, strings: Strings): Promise<void> {
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, async (progress) => {
    const token = randomUUID();
    let reported = 0;
    const listening = client.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'end') return;
      const increment = value.percentage !== undefined ? value.percentage - reported : undefined;
      if (value.percentage !== undefined) reported = value.percentage;
      progress.report({ message: value.message, increment });
    });
    try {
      return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: argument ? [argument] : [], workDoneToken: token })) as CommandResult;
    } finally {
      listening.dispose();
    }
  });
  if (!result) return;
  const outputs = result.outputs.map((output) => vscode.Uri.file(output));
  const reveal = outputs[0] ? [strings.show] : [];
  const show = result.ok ? vscode.window.showInformationMessage(result.message, ...reveal) : vscode.window.showErrorMessage(result.message);
  if ((await show) && outputs[0]) void vscode.commands.executeCommand('revealFileInOS', outputs[0]);
}
