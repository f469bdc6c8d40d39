/**
 * What each image model accepts and how its output tokens are counted. These are capabilities, not
 * prices: prices live in the price book.
 */

export type SizeRule =
  /** Any size within the constraints (gpt-image-2 family, FLUX.2, Qwen Image, Seedream). */
  | {
      kind: 'flexible';
      multipleOf: number;
      maxEdge: number;
      /** Shortest edge allowed; absent = no limit beyond minPixels. */
      minEdge?: number;
      maxAspect: number;
      minPixels: number;
      maxPixels: number;
      experimentalAbovePixels: number | null;
      /** Where the constraints come from (shown where a size is refused). */
      basis?: string;
    }
  /** A fixed list of sizes. */
  | { kind: 'fixed'; sizes: readonly string[]; basis?: string };

export type OutputTokenRule =
  /** The gpt-image-2 calculator's formula, with a factor per quality. */
  | { kind: 'gpt-image-2-formula'; qualityFactor: Readonly<Record<string, number>>; estimate: boolean; basis: string }
  /** A published table: quality -> size -> tokens. */
  | { kind: 'table'; tokens: Readonly<Record<string, Readonly<Record<string, number>>>>; basis: string }
  /** Tokens unknown: output is priced from a per-image table (or per megapixel). */
  | { kind: 'unknown'; basis: string };

export type ReferenceImageRule =
  | { kind: 'patches-32'; basis: string }
  /** OFFICIAL GPT Image 1 rule: fit in 2048x2048, shortest side down to 512 px, 512 px tiles. */
  | { kind: 'tiles-512'; basis: string }
  /** The same number of input tokens for every input image, whatever its size (Gemini). */
  | { kind: 'fixed-tokens'; tokens: number; basis: string }
  /** Counted in megapixels by a per-megapixel price entry, which charges each input megapixel. */
  | { kind: 'megapixels'; basis: string }
  /** Input images cost nothing extra: the provider charges per output image (edits cost as generations). */
  | { kind: 'free'; basis: string }
  | { kind: 'unsupported' };

/** `input_fidelity: high` on an input image: extra input tokens by its shape, or always on. */
export type InputFidelityRule =
  | { kind: 'extra-tokens'; square: number; other: number; basis: string }
  | { kind: 'always-high'; basis: string }
  | { kind: 'none' };

export interface ModelSpec {
  readonly id: string;
  readonly label: string;
  readonly qualities: readonly string[];
  readonly defaultQuality: string;
  /**
   * The quality `auto` is planned at: the dearest the model offers (auto may pick a cheaper one at run
   * time, never a dearer one). Null when the model has no `auto` quality.
   */
  readonly autoQuality: string | null;
  readonly sizes: SizeRule;
  /** The sizes `size: auto` may choose; empty when the model has no `auto` size. */
  readonly autoSizes: readonly string[];
  /** The size `auto` is planned at: the dearest of autoSizes. Null when the model has no `auto` size. */
  readonly autoSize: string | null;
  readonly outputTokens: OutputTokenRule;
  readonly referenceImages: ReferenceImageRule;
  readonly inputFidelity: InputFidelityRule;
  /** Thinking tokens billed besides the image (Gemini), not in the estimate: warned about. */
  readonly thinkingTokens: { readonly min: number; readonly max: number; readonly basis: string } | null;
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
  basis: 'OFFICIAL: edges multiples of 16, longest edge at most 3840, ratio at most 3:1, 655,360-8,294,400 pixels.',
};

const STANDARD_GPT_SIZES = ['1024x1024', '1024x1536', '1536x1024'] as const;
const LEGACY_SIZES: SizeRule = { kind: 'fixed', sizes: STANDARD_GPT_SIZES, basis: 'OFFICIAL size list.' };

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
    'OFFICIAL rule (images and vision guide, GPT Image 1): fit within 2048x2048, shortest side scaled down to 512 px, 512 px tiles, 65 + 129 tokens per tile.',
};
const FIDELITY_EXTRA: InputFidelityRule = {
  kind: 'extra-tokens',
  square: 4160,
  other: 6240,
  basis:
    'OFFICIAL: input_fidelity high adds 4,160 input tokens for a square input image and 6,240 for a portrait or landscape one. "Square" is not defined by OpenAI: an image is counted square here when its long side is under 1.25 x its short side (nearer 1:1 than 3:2).',
};
const FIDELITY_ALWAYS: InputFidelityRule = {
  kind: 'always-high',
  basis:
    'OFFICIAL: gpt-image-2 models always process input images at high fidelity; the patch estimate already counts them so.',
};
const NO_FIDELITY: InputFidelityRule = { kind: 'none' };

const GPT_IMAGE_2_AUTO_SIZES = ['1024x1024', '1536x1024', '1024x1536'] as const;

/** Factors from OpenAI's calculator code for the 2.5 tiers (third-party transcription, 2026-10-08). */
const GPT_IMAGE_25_TIERS = {
  kind: 'gpt-image-2-formula',
  qualityFactor: { low: 16, medium: 24, high: 48, xhigh: 64, max: 96 },
  estimate: true,
  basis:
    "ESTIMATE: OpenAI's calculator code (third-party transcription, 2026-10-08) gives the 2.5 tiers factors 16/24/48/64/96 in the gpt-image-2 formula; matches independent counts at 1024x1024.",
} as const;

const GPT_IMAGE_26_TIERS = {
  ...GPT_IMAGE_25_TIERS,
  basis:
    'ESTIMATE: no token table is published for 2.6; planned with the 2.5 factors 16/24/48/64/96. Its complexity parameter may add tokens (not documented).',
} as const;

function gpt25(id: string, label: string, tiers: OutputTokenRule): ModelSpec {
  return {
    id,
    label,
    qualities: ['low', 'medium', 'high', 'xhigh', 'max', 'auto'],
    defaultQuality: 'medium',
    autoQuality: 'max',
    sizes: GPT_IMAGE_2_SIZES,
    autoSizes: GPT_IMAGE_2_AUTO_SIZES,
    autoSize: '1024x1024',
    outputTokens: tiers,
    referenceImages: PATCHES_RULE,
    inputFidelity: FIDELITY_ALWAYS,
    thinkingTokens: null,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  };
}

function legacy(id: string, label: string, known: boolean, fidelity: boolean): ModelSpec {
  return {
    id,
    label,
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'medium',
    autoQuality: 'high',
    sizes: LEGACY_SIZES,
    autoSizes: STANDARD_GPT_SIZES,
    // Portrait is the dearest size: 6,240 tokens at high, against 6,208 landscape and 4,160 square.
    autoSize: '1024x1536',
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
    inputFidelity: fidelity ? FIDELITY_EXTRA : NO_FIDELITY,
    thinkingTokens: null,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  };
}

/** A model priced per image whatever its size and inputs: no tokens, no auto, inputs free or unpriced. */
function perImage(
  id: string,
  label: string,
  options: {
    qualities?: readonly string[];
    defaultQuality?: string;
    draftQuality?: string;
    sizes: SizeRule;
    nMax: number;
    references: ReferenceImageRule;
    basis?: string;
  },
): ModelSpec {
  const qualities = options.qualities ?? ['standard'];
  return {
    id,
    label,
    qualities,
    defaultQuality: options.defaultQuality ?? qualities[0] ?? 'standard',
    autoQuality: null,
    sizes: options.sizes,
    autoSizes: [],
    autoSize: null,
    outputTokens: { kind: 'unknown', basis: options.basis ?? 'Priced per image.' },
    referenceImages: options.references,
    inputFidelity: NO_FIDELITY,
    thinkingTokens: null,
    nMax: options.nMax,
    supportsPartialImages: false,
    draftQuality: options.draftQuality ?? qualities[0] ?? 'standard',
  };
}

const FLUX_2_SIZES: SizeRule = {
  kind: 'flexible',
  multipleOf: 8,
  maxEdge: 4096,
  minEdge: 64,
  maxAspect: 4,
  minPixels: 64 * 64,
  maxPixels: 4_194_304,
  experimentalAbovePixels: null,
  basis:
    "BFL: output up to 4 MP (2048x2048), edges at least 64 px. Edges in multiples of 8 (BFL's and fal's own examples price 1920x1080) and ratio up to 4:1 are assumed.",
};

function flux2(id: string, label: string): ModelSpec {
  return perImage(id, label, {
    sizes: FLUX_2_SIZES,
    nMax: 1,
    references: {
      kind: 'megapixels',
      basis: "Input images are charged per megapixel at the price entry's input rate (BFL's published formula).",
    },
    basis: 'Priced per megapixel of output (first megapixel, then each further one).',
  });
}

/** Ideogram's RESOLUTION enum (community copies of the API's list): about 1 MP at many aspects. */
const IDEOGRAM_1K: readonly string[] = [
  ...[
    '1024x640',
    '1024x768',
    '1024x832',
    '1024x896',
    '1024x960',
    '1024x1024',
    '1088x768',
    '1088x832',
    '1088x896',
    '1088x960',
    '1120x896',
    '1152x704',
    '1152x768',
    '1152x832',
    '1152x864',
    '1152x896',
    '1216x704',
    '1216x768',
    '1216x832',
    '1232x768',
    '1248x832',
    '1280x704',
    '1280x720',
    '1280x768',
    '1280x800',
    '1312x736',
    '1344x640',
    '1344x704',
    '1344x768',
    '1408x576',
    '1408x640',
    '1408x704',
    '1472x576',
    '1472x640',
    '1472x704',
    '1536x512',
    '1536x576',
    '1536x640',
  ],
  ...[
    '512x1536',
    '576x1408',
    '576x1472',
    '576x1536',
    '640x1024',
    '640x1344',
    '640x1408',
    '640x1472',
    '640x1536',
    '704x1152',
    '704x1216',
    '704x1280',
    '704x1344',
    '704x1408',
    '704x1472',
    '720x1280',
    '736x1312',
    '768x1024',
    '768x1088',
    '768x1152',
    '768x1216',
    '768x1232',
    '768x1280',
    '768x1344',
    '832x960',
    '832x1024',
    '832x1088',
    '832x1152',
    '832x1216',
    '832x1248',
    '864x1152',
    '896x960',
    '896x1024',
    '896x1088',
    '896x1120',
    '896x1152',
    '960x832',
    '960x896',
    '960x1024',
    '960x1088',
  ],
];
/** 2K sizes Ideogram 4.0 and 4.5 render at the same price (Comfy's node lists, third-party). */
const IDEOGRAM_2K = ['2048x2048', '2560x1440', '1440x2560', '3328x1248', '1248x3328'] as const;
const IDEOGRAM_FREE_INPUTS: ReferenceImageRule = {
  kind: 'free',
  basis:
    'OFFICIAL: Ideogram charges per output image; Remix, Edit, Reframe and Replace Background cost the same as Generate.',
};

const RECRAFT_1K = [
  '1024x1024',
  '1365x1024',
  '1024x1365',
  '1536x1024',
  '1024x1536',
  '1820x1024',
  '1024x1820',
  '1024x2048',
  '2048x1024',
  '1434x1024',
  '1024x1434',
  '1024x1280',
  '1280x1024',
  '1024x1707',
  '1707x1024',
] as const;
const RECRAFT_2K = ['2048x2048', '3072x1536', '1536x3072', '2560x1664', '1664x2560'] as const;
const RECRAFT_INPUTS: ReferenceImageRule = {
  kind: 'free',
  basis: 'OFFICIAL: Recraft charges per output image; style references add no charge.',
};

/** Diffusers' preferred FLUX.1 Kontext resolutions (about 1 MP, ratios 3:7 to 7:3). */
const KONTEXT_SIZES = [
  '672x1568',
  '688x1504',
  '720x1456',
  '752x1392',
  '800x1328',
  '832x1248',
  '880x1184',
  '944x1104',
  '1024x1024',
  '1104x944',
  '1184x880',
  '1248x832',
  '1328x800',
  '1392x752',
  '1456x720',
  '1504x688',
  '1568x672',
] as const;

/** About 4 MP at each documented Ultra aspect ratio (21:9 to 9:21), multiples of 32: approximate. */
const ULTRA_SIZES = [
  '2048x2048',
  '2752x1536',
  '1536x2752',
  '2368x1792',
  '1792x2368',
  '2496x1664',
  '1664x2496',
  '3136x1344',
  '1344x3136',
] as const;

const IMAGEN_1K = ['1024x1024', '896x1280', '1280x896', '768x1408', '1408x768'] as const;
const IMAGEN_2K = ['2048x2048', '1792x2560', '2560x1792', '1536x2816', '2816x1536'] as const;

/** Gemini thinking: typically 700-900 tokens per image, billed at the text output rate (Google staff). */
const GEMINI_THINKING = {
  min: 700,
  max: 900,
  basis: 'COMMUNITY: a Google staff reply on the Gemini forum',
} as const;

export const MODEL_SPECS: readonly ModelSpec[] = [
  {
    id: 'gpt-image-2',
    label: 'GPT Image 2',
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'medium',
    autoQuality: 'high',
    sizes: GPT_IMAGE_2_SIZES,
    autoSizes: GPT_IMAGE_2_AUTO_SIZES,
    // Square is the dearest standard size on the gpt-image-2 formula: 7,024 tokens at high, 5,488 for 3:2.
    autoSize: '1024x1024',
    outputTokens: {
      kind: 'gpt-image-2-formula',
      qualityFactor: { low: 16, medium: 48, high: 96 },
      estimate: false,
      basis:
        "COMMUNITY formula reverse-engineered from OpenAI's calculator (community.openai.com/t/1382699); reproduces the official per-image table after rounding to 3 decimals.",
    },
    referenceImages: PATCHES_RULE,
    inputFidelity: FIDELITY_ALWAYS,
    thinkingTokens: null,
    nMax: 10,
    supportsPartialImages: true,
    draftQuality: 'low',
  },
  gpt25('gpt-image-2.5-flare', 'GPT Image 2.5 flare', GPT_IMAGE_25_TIERS),
  gpt25('gpt-image-2.5-sunburst', 'GPT Image 2.5 sunburst', GPT_IMAGE_25_TIERS),
  gpt25('gpt-image-2.6-sunburst', 'GPT Image 2.6 sunburst', GPT_IMAGE_26_TIERS),
  gpt25('gpt-image-2.6-flare', 'GPT Image 2.6 flare', GPT_IMAGE_26_TIERS),
  legacy('gpt-image-1.5', 'GPT Image 1.5', true, true),
  legacy('chatgpt-image-latest', 'ChatGPT image latest', true, true),
  legacy('gpt-image-1', 'GPT Image 1', true, true),
  legacy('gpt-image-1-mini', 'GPT Image 1 mini', false, false),
  perImage('dall-e-3', 'DALL·E 3 (historical)', {
    qualities: ['standard', 'hd'],
    sizes: { kind: 'fixed', sizes: ['1024x1024', '1024x1792', '1792x1024'] },
    nMax: 1,
    references: { kind: 'unsupported' },
  }),
  perImage('dall-e-2', 'DALL·E 2 (historical)', {
    sizes: { kind: 'fixed', sizes: ['256x256', '512x512', '1024x1024'] },
    nMax: 10,
    references: { kind: 'unsupported' },
  }),
  {
    ...perImage('gemini-2.5-flash-image', 'Gemini 2.5 Flash Image', {
      sizes: { kind: 'fixed', sizes: ['1024x1024'] },
      nMax: 1,
      references: { kind: 'unsupported' },
    }),
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '1024x1024': 1290 } },
      basis: 'THIRD-PARTY: 1290 image tokens per image.',
    },
  },
  {
    ...perImage('gemini-3-pro-image', 'Gemini 3 Pro Image', {
      sizes: {
        kind: 'fixed',
        sizes: ['1024x1024', '2048x2048', '4096x4096'],
        basis: "Square sizes stand for Google's 1K / 2K / 4K outputs (exact pixels per aspect not published).",
      },
      nMax: 1,
      references: {
        kind: 'fixed-tokens',
        tokens: 560,
        basis: 'OFFICIAL (Vertex AI model page): 560 input tokens per input image, billed at the input rate.',
      },
    }),
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '1024x1024': 1120, '2048x2048': 1120, '4096x4096': 2000 } },
      basis: 'OFFICIAL (Vertex AI model page): 1,120 output tokens at 1K and 2K, 2,000 at 4K.',
    },
    thinkingTokens: GEMINI_THINKING,
  },
  {
    ...perImage('gemini-3.1-flash-image', 'Gemini 3.1 Flash Image', {
      sizes: {
        kind: 'fixed',
        sizes: ['512x512', '1024x1024', '2048x2048', '4096x4096'],
        basis: "Square sizes stand for Google's 512 / 1K / 2K / 4K outputs (exact pixels per aspect not published).",
      },
      nMax: 1,
      references: {
        kind: 'fixed-tokens',
        tokens: 1120,
        basis: 'OFFICIAL (Vertex AI model page): 1,120 input tokens per input image, billed at the input rate.',
      },
    }),
    outputTokens: {
      kind: 'table',
      tokens: { standard: { '512x512': 747, '1024x1024': 1120, '2048x2048': 1680, '4096x4096': 2520 } },
      basis: 'OFFICIAL (Vertex AI model page): 747 / 1,120 / 1,680 / 2,520 output tokens at 512 / 1K / 2K / 4K.',
    },
    thinkingTokens: { min: 500, max: 500, basis: 'THIRD-PARTY: one measurement; thinking is always on' },
  },
  ...(
    [
      ['imagen-4-fast', 'Imagen 4 Fast (retired)', IMAGEN_1K],
      ['imagen-4', 'Imagen 4 (retired)', [...IMAGEN_1K, ...IMAGEN_2K]],
      ['imagen-4-ultra', 'Imagen 4 Ultra (retired)', [...IMAGEN_1K, ...IMAGEN_2K]],
    ] as const
  ).map(([id, label, sizes]) =>
    perImage(id, label, {
      sizes: { kind: 'fixed', sizes, basis: 'Imagen sizes per aspect (1K; 2K for Standard and Ultra).' },
      nMax: 4,
      references: { kind: 'unsupported' },
    }),
  ),
  flux2('flux-2-klein-4b', 'FLUX.2 [klein] 4B'),
  flux2('flux-2-klein-9b', 'FLUX.2 [klein] 9B'),
  flux2('flux-2-pro', 'FLUX.2 [pro]'),
  flux2('flux-2-flex', 'FLUX.2 [flex]'),
  flux2('flux-2-max', 'FLUX.2 [max]'),
  perImage('flux-3-klein', 'FLUX 3 Klein', {
    sizes: {
      kind: 'fixed',
      sizes: ['768x768', '1024x1024', '1360x768', '768x1360', '2048x2048', '5456x3072', '3072x5456'],
      basis:
        'THIRD-PARTY: resolution classes 1K (768x768 and 1360x768 billed as 1K), 2K (2048x2048) and 4K (5456x3072); 1024x1024 assumed 1K. The 1.5K class has no known price.',
    },
    nMax: 1,
    references: {
      kind: 'free',
      basis: 'THIRD-PARTY: an edit costs the same as a generation, whatever the number of reference images.',
    },
  }),
  ...(
    [
      ['flux-kontext-pro', 'FLUX.1 Kontext [pro]'],
      ['flux-kontext-max', 'FLUX.1 Kontext [max]'],
    ] as const
  ).map(([id, label]) =>
    perImage(id, label, {
      sizes: {
        kind: 'fixed',
        sizes: KONTEXT_SIZES,
        basis: "COMMUNITY: diffusers' preferred Kontext resolutions (about 1 MP, ratios 3:7 to 7:3).",
      },
      nMax: 1,
      references: {
        kind: 'free',
        basis: 'OFFICIAL: Kontext is priced per output image; the input image adds nothing.',
      },
    }),
  ),
  perImage('flux-1.1-pro', 'FLUX1.1 [pro]', {
    sizes: {
      kind: 'flexible',
      multipleOf: 32,
      maxEdge: 1440,
      minEdge: 256,
      maxAspect: 6,
      minPixels: 256 * 256,
      maxPixels: 1440 * 1440,
      experimentalAbovePixels: null,
      basis: 'BFL API: width and height 256-1440 px, multiples of 32.',
    },
    nMax: 1,
    references: { kind: 'unsupported' },
  }),
  perImage('flux-1.1-pro-ultra', 'FLUX1.1 [pro] Ultra', {
    sizes: {
      kind: 'fixed',
      sizes: ULTRA_SIZES,
      basis: 'Approximate: BFL documents aspect ratios 21:9 to 9:21 at about 4 MP, not sizes; these are about 4 MP.',
    },
    nMax: 1,
    references: { kind: 'free', basis: 'OFFICIAL: priced per output image; an image prompt adds nothing.' },
  }),
  perImage('ideogram-4.5', 'Ideogram 4.5', {
    qualities: ['low', 'medium', 'high'],
    defaultQuality: 'medium',
    sizes: {
      kind: 'fixed',
      sizes: [...IDEOGRAM_1K, ...IDEOGRAM_2K],
      basis:
        "Ideogram's resolution list (community copies) and 2K sizes (third-party); the price is the same at 1K and 2K.",
    },
    nMax: 8,
    references: IDEOGRAM_FREE_INPUTS,
  }),
  ...(
    [
      ['ideogram-4.0', 'Ideogram 4.0', [...IDEOGRAM_1K, ...IDEOGRAM_2K]],
      ['ideogram-3.0', 'Ideogram 3.0', IDEOGRAM_1K],
    ] as const
  ).map(([id, label, sizes]) =>
    perImage(id, label, {
      qualities: ['turbo', 'default', 'quality'],
      defaultQuality: 'default',
      sizes: {
        kind: 'fixed',
        sizes,
        basis: "Ideogram's resolution list (community copies of the API's RESOLUTION values).",
      },
      nMax: 8,
      references: IDEOGRAM_FREE_INPUTS,
    }),
  ),
  ...(
    [
      ['recraft-v4.1', 'Recraft V4.1', RECRAFT_1K],
      ['recraft-v4.1-pro', 'Recraft V4.1 Pro', RECRAFT_2K],
      ['recraft-v4.1-vector', 'Recraft V4.1 vector', RECRAFT_1K],
      ['recraft-v4.1-pro-vector', 'Recraft V4.1 Pro vector', RECRAFT_2K],
    ] as const
  ).map(([id, label, sizes]) =>
    perImage(id, label, {
      sizes: {
        kind: 'fixed',
        sizes,
        basis: 'Recraft API sizes (1K list; 2K for Pro from a third-party list).',
      },
      nMax: 6,
      references: RECRAFT_INPUTS,
    }),
  ),
  perImage('seedream-4.5', 'Seedream 4.5', {
    sizes: {
      kind: 'flexible',
      multipleOf: 8,
      maxEdge: 4096,
      maxAspect: 16,
      minPixels: 2560 * 1440,
      maxPixels: 4096 * 4096,
      experimentalAbovePixels: null,
      basis: "fal's schema: 2560x1440 to 4096x4096 pixels; multiples of 8 and ratio up to 16:1 assumed.",
    },
    nMax: 6,
    references: {
      kind: 'free',
      basis: 'fal / BytePlus price per output image, flat whatever the size or reference images.',
    },
  }),
  perImage('qwen-image', 'Qwen Image', {
    sizes: {
      kind: 'flexible',
      multipleOf: 8,
      maxEdge: 2048,
      minEdge: 256,
      maxAspect: 4,
      minPixels: 256 * 256,
      maxPixels: 4_194_304,
      experimentalAbovePixels: null,
      basis: 'Assumed: multiples of 8 up to 2048 px a side (fal takes custom sizes; limits not stated).',
    },
    nMax: 4,
    references: { kind: 'unsupported' },
    basis: 'Priced per megapixel of output.',
  }),
  perImage('qwen-image-2.0-pro', 'Qwen Image 2.0 Pro', {
    sizes: {
      kind: 'flexible',
      multipleOf: 16,
      maxEdge: 2048,
      minEdge: 256,
      maxAspect: 4,
      minPixels: 256 * 256,
      maxPixels: 4_194_304,
      experimentalAbovePixels: null,
      basis: 'Assumed: up to 2K output (third-party), multiples of 16.',
    },
    nMax: 4,
    references: { kind: 'free', basis: 'fal prices Qwen Image 2.0 Pro per output image.' },
  }),
];

const BY_ID = new Map(MODEL_SPECS.map((m) => [m.id, m]));

export function findModel(id: string): ModelSpec | undefined {
  return BY_ID.get(id);
}

export const MODEL_IDS: readonly string[] = MODEL_SPECS.map((m) => m.id);
