/**
 * The small part of nunjucks 3.2 that records/formats/template.ts uses (the package ships no types). The
 * render function and runtime are internals of nunjucks: template.ts passes its own hardened runtime.
 */
declare module 'nunjucks' {
  export interface NunjucksFrame {
    topLevel: boolean;
    lookup(name: string): unknown;
  }

  export interface Runtime {
    Frame: new (parent?: NunjucksFrame, isolateWrites?: boolean) => NunjucksFrame;
    memberLookup(obj: unknown, key: unknown): unknown;
    contextOrFrameLookup(context: unknown, frame: NunjucksFrame, name: string): unknown;
    [name: string]: unknown;
  }

  export interface ConfigureOptions {
    autoescape?: boolean;
    throwOnUndefined?: boolean;
    trimBlocks?: boolean;
    lstripBlocks?: boolean;
  }

  export class Environment {
    constructor(loaders?: unknown[], opts?: ConfigureOptions);
    globals: Record<string, unknown>;
  }

  export class Template {
    constructor(src: string, env: Environment, path?: string, eagerCompile?: boolean);
    rootRenderFunc(
      env: Environment,
      context: unknown,
      frame: NunjucksFrame,
      runtime: Runtime,
      cb: (err: Error | null, result?: string) => void,
    ): void;
  }

  export interface AstNode {
    readonly typename: string;
    readonly fields: readonly string[];
    readonly [field: string]: unknown;
  }

  export const parser: { parse(src: string, extensions?: unknown[], opts?: ConfigureOptions): AstNode };
  export const runtime: Runtime;
}
