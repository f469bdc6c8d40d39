/**
 * What each image model accepts and how its output tokens are counted. These are capabilities, not
 * prices: prices live in the price book.
 */

export type SizeRule =
  /** gpt-image-2 family: any size within the official constraints. */
  | {
      kind: 'flexible';
      multipleOf: number;
      maxEdge: number;
      maxAspect: number;
      minPixels: number;
      maxPixels: number;
      experimentalAbovePixels: number | null;
    }
  /** A fixed list of sizes. */
  | { kind: 'fixed'; sizes: readonly string[] };

export type OutputTokenRule =
  /** COMMUNITY formula reverse-engineered from OpenAI's gpt-image-2 calculator. */
  | { kind: 'gpt-image-2-formula'; qualityFactor: Readonly<Record<string, number>>; estimate: boolean; basis: string }
  /** A published table: quality -> size -> tokens. */
  | { kind: 'table'; tokens: Readonly<Record<string, Readonly<Record<string, number>>>>; basis: string }
  /** Tokens unknown: output is priced from a per-image table. */
  | { kind: 'unknown'; basis: string };

export type ReferenceImageRule =
  { kind: 'patches-32'; basis: string } | { kind: 'tiles-512'; basis: string } | { kind: 'unsupported' };

export interface ModelSpec {
  readonly id: string;
  readonly label: string;
  readonly qualities: readonly string[];
  readonly defaultQuality: string;
  readonly sizes: SizeRule;
  readonly outputTokens: OutputTokenRule;
  readonly referenceImages: ReferenceImageRule;
  readonly nMax: number;
  readonly supportsPartialImages: boolean;
  /** Cheaper draft quality suggested for draft passes. */
  readonly draftQuality: string;
}

export const PARTIAL_IMAGE_OUTPUT_TOKENS = 100;

const GPT_IMAGE_2_SIZES: SizeRule = {
  kind: 'flexible',
  multipleOf: 16,
  maxEdge: 3840,
  maxAspect: 3,
  minPixels: 655_360,
  maxPixels: 8_294_400,
  experimentalAbovePixels: 3_686_400,
};

const LEGACY_SIZES: SizeRule = { kind: 'fixed', sizes: ['1024x1024', '1024x1536', '1536x1024'] };

const LEGACY_TOKEN_TABLE = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
} as const;

const PATCHES_RULE: ReferenceImageRule = {
  kind: 'patches-32',
  basis:
    'COMMUNITY estimate: 32 px patches, 1,536-patch budget, inputs under 1024 px magnified (up to 2x) toward 1024 px, aspect capped at 3:1; about 1,024 tokens for a 1024x1024 reference.',
};
const TILES_RULE: ReferenceImageRule = {
  kind: 'tiles-512',
  basis:
    'COMMUNITY estimate: shortest side scaled to 512 px, 512 px tiles, 65 + 129 tokens per tile (input_fidelity=high is not modelled).',
};

const GPT_IMAGE_25_TIERS = {
  kind: 'gpt-image-2-formula',
  qualityFactor: { low: 16, medium: 24, high: 48, xhigh: 64, max: 96 },
  estimate: true,
  basis:
    'ESTIMATE: third-party token counts for the 2.5 quality tiers fit the gpt-image-2 formula with factors 16/24/48/64/96; OpenAI says its 2.0 calculator does not estimate 2.5 usage.',
} as const;

function gpt25(id: string, label: string): ModelSpec {
  return {
    id,
    label,
    qualities: ['low', 'medium', 'high', 'xhigh', 'max', 'auto'],
    defaultQuality: 'medium',
    sizes: GPT_IMAGE_2_SIZES,
    outputTokens: GPT_IMAGE_25_TIERS,
    referenceImages: PATCHES_RULE,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  };
}

function legacy(id: string, label: string, known: boolean): ModelSpec {
  return {
    id,
    label,
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'medium',
    sizes: LEGACY_SIZES,
    outputTokens: known
      ? {
          kind: 'table',
          tokens: LEGACY_TOKEN_TABLE,
          basis: 'OFFICIAL output-token table for models before gpt-image-2.',
        }
      : {
          kind: 'unknown',
          basis:
            'Output tokens unknown: the legacy table does not reproduce its official prices, so output is priced from the official per-image grid.',
        },
    referenceImages: TILES_RULE,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  };
}

const FLUX_SIZES: SizeRule = {
  kind: 'flexible',
  multipleOf: 16,
  maxEdge: 4096,
  maxAspect: 4,
  minPixels: 64 * 64,
  maxPixels: 4_194_304,
  experimentalAbovePixels: null,
};

function flux(id: string, label: string): ModelSpec {
  return {
    id,
    label,
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: FLUX_SIZES,
    outputTokens: { kind: 'unknown', basis: 'Priced per image (credits per megapixel).' },
    referenceImages: { kind: 'unsupported' },
    nMax: 1,
    supportsPartialImages: false,
    draftQuality: 'standard',
  };
}

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    id: 'gpt-image-2',
    label: 'GPT Image 2',
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'medium',
    sizes: GPT_IMAGE_2_SIZES,
    outputTokens: {
      kind: 'gpt-image-2-formula',
      qualityFactor: { low: 16, medium: 48, high: 96 },
      estimate: false,
      basis:
        "COMMUNITY formula reverse-engineered from OpenAI's calculator (community.openai.com/t/1382699); reproduces the official per-image table.",
    },
    referenceImages: PATCHES_RULE,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  },
  gpt25('gpt-image-2.5-flare', 'GPT Image 2.5 flare'),
  gpt25('gpt-image-2.5-sunburst', 'GPT Image 2.5 sunburst'),
  gpt25('gpt-image-2.6-sunburst', 'GPT Image 2.6 sunburst'),
  legacy('gpt-image-1.5', 'GPT Image 1.5', true),
  legacy('chatgpt-image-latest', 'ChatGPT image latest', true),
  legacy('gpt-image-1', 'GPT Image 1', true),
  legacy('gpt-image-1-mini', 'GPT Image 1 mini', false),
  {
    id: 'dall-e-3',
    label: 'DALL·E 3 (historical)',
    qualities: ['standard', 'hd'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['1024x1024', '1024x1792', '1792x1024'] },
    outputTokens: { kind: 'unknown', basis: 'Priced per image.' },
    referenceImages: { kind: 'unsupported' },
    nMax: 1,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  {
    id: 'dall-e-2',
    label: 'DALL·E 2 (historical)',
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['256x256', '512x512', '1024x1024'] },
    outputTokens: { kind: 'unknown', basis: 'Priced per image.' },
    referenceImages: { kind: 'unsupported' },
    nMax: 10,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  {
    id: 'gemini-2.5-flash-image',
    label: 'Gemini 2.5 Flash Image',
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['1024x1024'] },
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '1024x1024': 1290 } },
      basis: 'THIRD-PARTY: 1290 image tokens per image.',
    },
    referenceImages: { kind: 'unsupported' },
    nMax: 1,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  {
    id: 'gemini-3-pro-image',
    label: 'Gemini 3 Pro Image',
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['1024x1024', '2048x2048', '4096x4096'] },
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '1024x1024': 1120, '2048x2048': 1120, '4096x4096': 2000 } },
      basis: "THIRD-PARTY: 1120 tokens at 1K/2K, 2000 at 4K (sizes stand for Google's 1K/2K/4K square outputs).",
    },
    referenceImages: { kind: 'unsupported' },
    nMax: 1,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  {
    id: 'gemini-3.1-flash-image',
    label: 'Gemini 3.1 Flash Image',
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['512x512', '1024x1024', '2048x2048', '4096x4096'] },
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '512x512': 747, '1024x1024': 1120, '2048x2048': 1680, '4096x4096': 2520 } },
      basis: 'OFFICIAL Google token counts for 512/1K/2K/4K (priced per image; only the 1K price is known).',
    },
    referenceImages: { kind: 'unsupported' },
    nMax: 1,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  {
    id: 'imagen-4-fast',
    label: 'Imagen 4 Fast (retired)',
    qualities: ['standard'],
    defaultQuality: 'standard',
    sizes: { kind: 'fixed', sizes: ['1024x1024', '896x1280', '1280x896', '768x1408', '1408x768'] },
    outputTokens: { kind: 'unknown', basis: 'Priced per image.' },
    referenceImages: { kind: 'unsupported' },
    nMax: 4,
    supportsPartialImages: false,
    draftQuality: 'standard',
  },
  flux('flux-2-klein-4b', 'FLUX.2 [klein] 4B'),
  flux('flux-2-klein-9b', 'FLUX.2 [klein] 9B'),
  flux('flux-2-pro', 'FLUX.2 [pro]'),
  flux('flux-2-flex', 'FLUX.2 [flex]'),
  flux('flux-2-max', 'FLUX.2 [max]'),
];

const BY_ID = new Map(MODEL_SPECS.map((m) => [m.id, m]));

export function findModel(id: string): ModelSpec | undefined {
  return BY_ID.get(id);
}

export const MODEL_IDS: readonly string[] = MODEL_SPECS.map((m) => m.id);

/** What `auto` is assumed to mean when planning (the API decides at run time; bill from `usage`). */
export const AUTO_ASSUMPTIONS = {
  size: '1024x1024',
  quality: 'high',
  note: 'size "auto" is planned as 1024x1024 and quality "auto" as high (the dearest common choice); the API decides at run time.',
} as const;
