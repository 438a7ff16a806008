export declare const MANIFEST: string;
export declare function hashedName(name: string, content: Uint8Array | string): string;
export declare function hashAssets(dir: string): Record<string, string>;
