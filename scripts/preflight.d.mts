export declare const APP_NODE_REQUIREMENT: string;
export declare function isAtLeast(version: string, required: string): boolean;
export declare function nodeVersionProblem(version: string, required?: string): string | null;
