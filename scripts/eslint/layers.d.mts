import type { LayerSpec } from './layering.mjs';

export declare const LAYERS: Readonly<Record<string, LayerSpec>>;
export declare const LAYER_FILES: Readonly<Record<string, string>>;
