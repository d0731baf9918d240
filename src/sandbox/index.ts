/** The sandbox: generated code parsed, loaded into Dynamic Workers with no network, and tested there. */
export { AppDataApi, MemoryData } from './data';
export type { DataStore } from './data';
export type { SiteFetcher } from './entry';
export { loadApp } from './load';
export type { AppFiles, AppSandbox, LoadOptions, SandboxModule } from './load';
export { normalisePath, parseModule, parseProgram, readModule, resolveSpecifier, visit } from './parse';
export type { ParsedModule, ParseError } from './parse';
export { checkModulesImport, checkWorkerModule, runTests } from './runner';
export type { CaseResult, ModuleImportResult, RunOptions, SuiteResult, TestStatus } from './runner';
export { runSiteWorker } from './site';
export { transpileTypeScript } from './transpile';
export type { SourcePosition, Transpiled, TranspileOptions } from './transpile';
