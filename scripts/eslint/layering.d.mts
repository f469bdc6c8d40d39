import type { ESLint, Rule } from 'eslint';

/** What one layer (a top-level folder) may import. */
export interface LayerSpec {
  /** The layers it may import, itself included. */
  readonly imports: readonly string[];
  /** Whether Node built-ins (`node:fs`, `path`...) may be imported. */
  readonly builtins: boolean;
  /** The npm packages it may import: '*' for any (less `deniedPackages`). */
  readonly packages: '*' | readonly string[];
  readonly deniedPackages?: readonly string[];
  /** Files at the repository root it may import (package.json). */
  readonly rootFiles?: readonly string[];
  /** What to do instead, appended to every report. */
  readonly hint: string;
}

/** The rule's option: the repository root, the layers, and files placed in another layer than their folder's. */
export interface LayeringOptions {
  readonly root: string;
  readonly layers: Readonly<Record<string, LayerSpec>>;
  readonly files?: Readonly<Record<string, string>>;
}

declare const plugin: ESLint.Plugin & { rules: { layering: Rule.RuleModule } };
export default plugin;
