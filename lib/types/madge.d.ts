// The part of madge's API (no types are published for it) that lib/import-cycles.test.ts uses.
declare module "madge" {
  type MadgeConfig = {
    baseDir?: string;
    fileExtensions?: string[];
    excludeRegExp?: RegExp[];
    tsConfig?: string | object;
    detectiveOptions?: object;
  };
  type MadgeResult = {
    obj(): Record<string, string[]>;
    circular(): string[][];
    warnings(): { skipped: string[] };
  };
  export default function madge(path: string | string[], config?: MadgeConfig): Promise<MadgeResult>;
}
