/** The repository's root folder. */
export declare const repoRoot: string;
/** The newest modification time under `paths` (files or folders), skipping node_modules and dist. */
export declare function newest(paths: string[]): number;
/** The oldest modification time of `files`, or 0 when one is missing. */
export declare function oldest(files: string[]): number;
/** Whether any of `outputs` is missing or older than anything under `inputs`. */
export declare const isStale: (outputs: string[], inputs: string[]) => boolean;
