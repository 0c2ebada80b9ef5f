#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';

// The entry stays this small: everything else loads after the cache is on, so can come from it.
// Not for the language server: it lives as long as the editor, and the cache it would hold in
// memory (every cached module's code, ~150 MB) costs more than the second it saves once.
if (process.argv[2] !== 'lsp') enableCompileCache();
void import('./cli.js');
