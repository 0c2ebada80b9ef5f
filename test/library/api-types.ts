// Compiled by test/library.test.ts against the built package, through its `exports` map.
import { expectTypeOf } from 'vitest';
import {
  batch,
  build,
  check,
  checkPack,
  compressFile,
  initPortfolio,
  type LichengUsageError,
  newDocument,
  pack,
  type BatchOptions,
  type BatchResult,
  type BuildOptions,
  type BuildResult,
  type CheckOptions,
  type CheckResult,
  type CompressOptions,
  type CompressResult,
  type Diagnostic,
  type InitOptions,
  type InitResult,
  type NewDocumentOptions,
  type PackCheckOptions,
  type PackCheckResult,
  type PackOptions,
  type PackResult,
} from 'licheng';

// Documents in, results and diagnostics out: build and check take any number of paths.
expectTypeOf(build).parameters.toEqualTypeOf<[readonly string[], BuildOptions?]>();
expectTypeOf(build).returns.resolves.toEqualTypeOf<BuildResult>();
expectTypeOf(check).parameters.toEqualTypeOf<[readonly string[], CheckOptions?]>();
expectTypeOf(check).returns.resolves.toEqualTypeOf<CheckResult>();
expectTypeOf<BuildResult['diagnostics']>().toEqualTypeOf<Diagnostic[]>();
expectTypeOf<CheckResult['diagnostics']>().toEqualTypeOf<Diagnostic[]>();

// pack makes the bundles of the portfolios the paths belong to: like build and check, it takes a list.
expectTypeOf(pack).parameters.toEqualTypeOf<[readonly string[], PackOptions?]>();
expectTypeOf(pack).returns.resolves.toEqualTypeOf<PackResult>();
// @ts-expect-error a list of paths, as build and check take
void pack('a');

// A path that does not exist or an unusable output folder is thrown, not a flag of the results.
expectTypeOf<LichengUsageError['diagnostics']>().toEqualTypeOf<readonly Diagnostic[]>();
expectTypeOf<BuildResult>().not.toHaveProperty('usageError');
expectTypeOf<CheckResult>().not.toHaveProperty('usageError');
expectTypeOf<PackResult>().not.toHaveProperty('usageError');
expectTypeOf<BatchResult>().not.toHaveProperty('usageError');

expectTypeOf(compressFile).parameters.toEqualTypeOf<[string, CompressOptions?]>();
expectTypeOf(compressFile).returns.resolves.toEqualTypeOf<CompressResult>();
expectTypeOf(batch).parameters.toEqualTypeOf<[string, BatchOptions?]>();
expectTypeOf(batch).returns.resolves.toEqualTypeOf<BatchResult>();
expectTypeOf(initPortfolio).parameters.toEqualTypeOf<[string, InitOptions?]>();
expectTypeOf(initPortfolio).returns.resolves.toEqualTypeOf<InitResult>();
expectTypeOf(newDocument).parameters.toEqualTypeOf<[string, string, NewDocumentOptions?]>();
expectTypeOf(newDocument).returns.resolves.toEqualTypeOf<{ path: string }>();
expectTypeOf(checkPack).parameters.toEqualTypeOf<[string, PackCheckOptions?]>();
expectTypeOf(checkPack).returns.resolves.toEqualTypeOf<PackCheckResult>();
