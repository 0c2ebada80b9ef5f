#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';

// The entry stays this small: everything else loads after the cache is on, so can come from it.
enableCompileCache();
void import('./cli.js');
