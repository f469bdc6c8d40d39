import type { MegapixelUnit, PerImageTable, PriceEntry, TokenRates } from './price-entry';

/**
 * The built-in price book, transcribed from the project's pricing research (pricing.md /
 * pricing-catalog.json, checked 2026-10; re-verified and extended on 2026-12-04 for issue 15). Every
 * figure is dated and sourced, and every entry says when its sources were checked (checkedOn). Where a
 * source gives no effective date, the date used is stated in `notes` as an assumption; where only a
 * third party was found, the notes say "Third-party only". Plans can override any entry with their own
 * (see price-book.ts).
 */

/** The day the issue 15 research re-checked these sources against stored provider pages. */
const CHECKED_2026_12 = '2026-12-04';
/** The catalog's earlier check, known only to the month (first of month assumed). */
const CHECKED_2026_10 = '2026-10-01';

const OPENAI_PRICING = 'https://developers.openai.com/api/docs/pricing';
const OPENAI_IMAGE_GUIDE = 'https://developers.openai.com/api/docs/guides/image-generation';
const OPENAI_DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const GEMINI_PRICING = 'https://ai.google.dev/gemini-api/docs/pricing';
const GEMINI_PRICING_TRANSCRIPTION =
  'https://raw.githubusercontent.com/api-evangelist/gemini/main/plans/gemini-plans-pricing.yml';
const IMAGEN_MIGRATION = 'https://firebase.google.com/docs/ai-logic/imagen-models-migration';
const BFL_PRICING = 'https://docs.bfl.ai/quick_start/pricing.md';
const BFL_SKILLS = 'https://github.com/black-forest-labs/skills/blob/937fe03/skills/bfl-api/SKILL.md';
const BFL_PRICING_PAGE = 'https://bfl.ai/pricing';
const IDEOGRAM_BLOG = 'https://ideogram.ai/blog/ideogram-api-pricing';
const IDEOGRAM_PRICING = 'https://ideogram.ai/features/api-pricing';
const RECRAFT_PRICING = 'https://www.recraft.ai/docs/api-reference/pricing';
const RECRAFT_V41 = 'https://www.recraft.ai/docs/api-reference/models/recraft-v4-1.md';
const COMFY_CREDITS = 'https://github.com/Comfy-Org/docs/blob/main/tutorials/partner-nodes/pricing.mdx';
const INFR_SEEDREAM = 'https://www.infr.sh/api/v/seedream-4.5';

const SQUARE_PORTRAIT_LANDSCAPE = (low: [string, string], medium: [string, string], high: [string, string]) => ({
  low: { '1024x1024': low[0], '1024x1536': low[1], '1536x1024': low[1] },
  medium: { '1024x1024': medium[0], '1024x1536': medium[1], '1536x1024': medium[1] },
  high: { '1024x1024': high[0], '1024x1536': high[1], '1536x1024': high[1] },
});

const GPT_IMAGE_2_RATES: TokenRates = {
  textInput: '5.00',
  textCachedInput: '1.25',
  imageInput: '8.00',
  imageCachedInput: '2.00',
  imageOutput: '30.00',
};

const BATCH_OFFICIAL = {
  status: 'supported',
  discount: '0.5',
  rates: null,
  note: 'Batch API: 50% off every rate (OFFICIAL pricing page).',
} as const;

/**
 * BFL's megapixel: not stated on any BFL page. 1024x1024 px, each image rounded up, is fal's stated rule
 * for FLUX.2 and the only reading that gives the flex example (2048x2048 = $0.20).
 */
const BFL_MEGAPIXEL: MegapixelUnit = {
  pixels: 1_048_576,
  rounding: 'ceil',
  basis:
    "UNVERIFIED: BFL does not state its megapixel; 1024x1024 px rounded up per image is fal's rule for FLUX.2 and the only reading that gives flex 2048x2048 = 20 credits",
};

const FAL_MEGAPIXEL: MegapixelUnit = {
  pixels: 1_048_576,
  rounding: 'ceil',
  basis: 'ASSUMED: fal states 1024x1024 px rounded up per image for FLUX; for Qwen Image it states no rounding',
};

/** A flat price per image for each quality, any size. */
function byQuality(prices: Readonly<Record<string, string>>): PerImageTable {
  return Object.fromEntries(Object.entries(prices).map(([quality, price]) => [quality, { '*': price }]));
}

const openAi: PriceEntry[] = [
  {
    id: 'openai/gpt-image-2@2026-04-21',
    provider: 'openai',
    model: 'gpt-image-2',
    snapshot: 'gpt-image-2-2026-04-21',
    surfaces: ['api', 'responses', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: GPT_IMAGE_2_RATES,
      perImageOutput: SQUARE_PORTRAIT_LANDSCAPE(['0.006', '0.005'], ['0.053', '0.041'], ['0.211', '0.165']),
    },
    batch: {
      status: 'disputed',
      discount: '0.5',
      rates: null,
      note: 'Official docs list Batch as supported at 50% off; one third-party note says some batch APIs reject gpt-image-2.',
    },
    effectiveFrom: '2026-04-21',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [
      'https://developers.openai.com/api/docs/models/gpt-image-2',
      OPENAI_IMAGE_GUIDE,
      OPENAI_PRICING,
      'https://community.openai.com/t/gpt-image-2-output-pricing-calculator-online-and-in-your-code/1382699',
    ],
    notes:
      "Rates and per-image table OFFICIAL. The per-image table is about (≈) what is billed: it is output tokens x $30/1M rounded to 3 decimals; the estimate bills the tokens. Output tokens per image from the COMMUNITY formula that reproduces OpenAI's calculator. Cached input rates apply only through the Responses API. Text output rate disputed ($10/1M on fal's page only): left out.",
    checkedOn: CHECKED_2026_12,
  },
  ...(['flare', 'sunburst'] as const).map((variant): PriceEntry => ({
    id: `openai/gpt-image-2.5-${variant}@2026-09-08`,
    provider: 'openai',
    model: `gpt-image-2.5-${variant}`,
    snapshot: `gpt-image-2.5-${variant}-2026-09-08`,
    surfaces: ['api', 'responses', 'batch'],
    pricing: { unit: 'usd-per-1m-tokens', rates: GPT_IMAGE_2_RATES, perImageOutput: null },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2026-09-08',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: [
      OPENAI_PRICING,
      `https://developers.openai.com/api/docs/models/gpt-image-2.5-${variant}`,
      'https://github.com/theopenco/llmgateway/pull/3985',
      'https://raw.githubusercontent.com/sanand0/blog/main/posts/2026/quality-levels-of-gpt-image-2.5-flare.md',
    ],
    notes:
      "Official figures through third-party transcriptions of OpenAI's model pages (llmgateway PR, 2026-09-08): same token rates as gpt-image-2. Quality tiers low/medium/high/xhigh/max with factors 16/24/48/64/96 from OpenAI's calculator code (third-party transcription, 2026-10-08), matching independent counts at 1024x1024. auto quality is planned at max, the dearest tier.",
    checkedOn: CHECKED_2026_12,
  })),
  ...(['sunburst', 'flare'] as const).map((variant): PriceEntry => ({
    id: `openai/gpt-image-2.6-${variant}@2026-11-04`,
    provider: 'openai',
    model: `gpt-image-2.6-${variant}`,
    snapshot: null,
    surfaces: ['api', 'responses', 'batch'],
    pricing: { unit: 'usd-per-1m-tokens', rates: GPT_IMAGE_2_RATES, perImageOutput: null },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2026-11-04',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: variant === 'sunburst' ? 'official' : 'third-party',
    sources:
      variant === 'sunburst'
        ? [
            'https://developers.openai.com/de-DE/api/docs/models/gpt-image-2.6-sunburst',
            'https://docs.apiyi.com/en/live/2026-11/gpt-image-2-6-launch.md',
          ]
        : [
            'https://docs.apiyi.com/en/live/2026-11/gpt-image-2-6-launch.md',
            'https://muapi.ai/gpt-image-2.6',
            OPENAI_DEPRECATIONS,
          ],
    notes:
      variant === 'sunburst'
        ? 'OFFICIAL rate card (model page, copy undated). Release date 2026-11-04 from third parties (APIYI, muapi). No token table is published: tokens use the 2.5 tiers as estimates; the complexity parameter may add tokens.'
        : "Third-party only for the rates (APIYI, Comfy docs: same as 2.6-sunburst); OpenAI's deprecations page names the model. Release 2026-11-04 (third-party). Tokens use the 2.5 tiers as estimates.",
    checkedOn: CHECKED_2026_12,
  })),
  ...(['gpt-image-1.5', 'chatgpt-image-latest'] as const).map((model): PriceEntry => ({
    id: `openai/${model}@2025-12-16`,
    provider: 'openai',
    model,
    snapshot: model === 'gpt-image-1.5' ? 'gpt-image-1.5-2025-12-16' : null,
    surfaces: ['api', 'responses', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '5.00',
        textCachedInput: '1.25',
        imageInput: '8.00',
        imageCachedInput: '2.00',
        imageOutput: '32.00',
      },
      perImageOutput: SQUARE_PORTRAIT_LANDSCAPE(['0.009', '0.013'], ['0.034', '0.05'], ['0.133', '0.2']),
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2025-12-16',
    effectiveUntil: null,
    shutdownDate: '2026-12-01',
    sourceClass: model === 'gpt-image-1.5' ? 'official' : 'third-party',
    sources: [OPENAI_IMAGE_GUIDE, OPENAI_PRICING, OPENAI_DEPRECATIONS],
    notes:
      model === 'gpt-image-1.5'
        ? 'Deprecated (notice 2026-06-02), shutdown 2026-12-01. Output tokens from the official pre-gpt-image-2 table; the published per-image table is ≈ those tokens x $32/1M (medium 1024x1536 published 0.05 against 0.050688 billed, high 1536x1024 0.2 against 0.198656).'
        : "Alias following the ChatGPT image model; mirrors gpt-image-1.5 rates (third-party transcription). Release date not published: gpt-image-1.5's date assumed. Shutdown 2026-12-01.",
    checkedOn: CHECKED_2026_12,
  })),
  {
    id: 'openai/gpt-image-1@2025-04-01',
    provider: 'openai',
    model: 'gpt-image-1',
    snapshot: 'gpt-image-1',
    surfaces: ['api', 'responses', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '5.00',
        textCachedInput: '1.25',
        imageInput: '10.00',
        imageCachedInput: '2.50',
        imageOutput: '40.00',
      },
      perImageOutput: SQUARE_PORTRAIT_LANDSCAPE(['0.011', '0.016'], ['0.042', '0.063'], ['0.167', '0.25']),
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2025-04-01',
    effectiveUntil: null,
    shutdownDate: '2026-10-23',
    sourceClass: 'official',
    sources: [
      'https://developers.openai.com/ja-JP/api/docs/models/gpt-image-1',
      OPENAI_IMAGE_GUIDE,
      OPENAI_DEPRECATIONS,
    ],
    notes:
      'Shut down 2026-10-23; kept to price historical usage. The published per-image table is ≈ tokens x $40/1M (high 1024x1024 published 0.167 against 0.1664 billed, high 1536x1024 0.25 against 0.24832). Effective date known only to the month (2025-04): first of month assumed.',
    checkedOn: CHECKED_2026_12,
  },
  {
    id: 'openai/gpt-image-1-mini@2025-10-06',
    provider: 'openai',
    model: 'gpt-image-1-mini',
    snapshot: 'gpt-image-1-mini',
    surfaces: ['api', 'responses', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '2.00',
        textCachedInput: '0.20',
        imageInput: '2.50',
        imageCachedInput: '0.25',
        imageOutput: '8.00',
      },
      perImageOutput: SQUARE_PORTRAIT_LANDSCAPE(['0.005', '0.006'], ['0.011', '0.015'], ['0.036', '0.052']),
    },
    batch: {
      status: 'supported',
      discount: '0.5',
      rates: {
        textInput: '1.00',
        textCachedInput: '0.10',
        imageInput: '1.25',
        imageCachedInput: '0.13',
        imageOutput: '4.00',
      },
      note: 'Published batch rates (image cached input rounded by OpenAI to $0.13).',
    },
    effectiveFrom: '2025-10-06',
    effectiveUntil: null,
    shutdownDate: '2026-12-01',
    sourceClass: 'official',
    sources: [
      'https://developers.openai.com/de-DE/api/docs/models/gpt-image-1-mini',
      OPENAI_IMAGE_GUIDE,
      OPENAI_DEPRECATIONS,
    ],
    notes:
      'Output tokens unknown (the legacy token table does not reproduce its prices): output is priced from the official per-image grid. Release date not in sources: 2025-10-06 assumed. Shutdown 2026-12-01.',
    checkedOn: CHECKED_2026_12,
  },
  {
    id: 'openai/gpt-5-mini@2025-08-07',
    provider: 'openai',
    model: 'gpt-5-mini',
    snapshot: 'gpt-5-mini-2025-08-07',
    surfaces: ['api', 'responses', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '0.25',
        textCachedInput: '0.025',
        imageInput: null,
        imageCachedInput: null,
        imageOutput: null,
        textOutput: '2.00',
      },
      perImageOutput: null,
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2025-08-07',
    effectiveUntil: null,
    shutdownDate: '2026-12-11',
    sourceClass: 'official',
    sources: ['https://openai.com/api/pricing/', OPENAI_PRICING, OPENAI_DEPRECATIONS],
    notes:
      'A text model, here to price text usage (captions) found in actuals: $0.25 in, $0.025 cached, $2.00 out per 1M tokens. No image rates: image input is billed as input tokens by OpenAI, but no image-input figure was checked, so image tokens stay unpriced. Effective from the snapshot date; the OpenAI deprecations page shuts it down on 2026-12-11.',
    checkedOn: CHECKED_2026_12,
  },
  {
    id: 'openai/dall-e-3@2023-11-01',
    provider: 'openai',
    model: 'dall-e-3',
    snapshot: 'dall-e-3',
    surfaces: ['api'],
    pricing: {
      unit: 'usd-per-image',
      perImage: {
        standard: { '1024x1024': '0.04', '1024x1792': '0.08', '1792x1024': '0.08' },
        hd: { '1024x1024': '0.08', '1024x1792': '0.12', '1792x1024': '0.12' },
      },
    },
    batch: null,
    effectiveFrom: '2023-11-01',
    effectiveUntil: null,
    shutdownDate: '2026-05-12',
    sourceClass: 'third-party',
    sources: [
      'https://developers.openai.com/api/docs/models/dall-e-3',
      'https://github.com/kevinhermawan/Canvas/blob/main/model-info.json',
    ],
    notes:
      'Historical only (shut down 2026-05-12): third-party copies of the 2023 price list. Month-only date: first of month assumed.',
    checkedOn: CHECKED_2026_10,
  },
  {
    id: 'openai/dall-e-2@2022-11-01',
    provider: 'openai',
    model: 'dall-e-2',
    snapshot: 'dall-e-2',
    surfaces: ['api'],
    pricing: {
      unit: 'usd-per-image',
      perImage: { standard: { '256x256': '0.016', '512x512': '0.018', '1024x1024': '0.02' } },
    },
    batch: null,
    effectiveFrom: '2022-11-01',
    effectiveUntil: null,
    shutdownDate: '2026-05-12',
    sourceClass: 'third-party',
    sources: ['https://github.com/kevinhermawan/Canvas/blob/main/model-info.json', OPENAI_DEPRECATIONS],
    notes:
      'Historical only (shut down 2026-05-12): a third-party copy of the 2022 price list (no OpenAI page found). Effective date not in sources: API launch month assumed.',
    checkedOn: CHECKED_2026_10,
  },
];

const fal: PriceEntry[] = [
  {
    id: 'fal/gpt-image-2@2026-04-21',
    provider: 'fal.ai',
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: { ...GPT_IMAGE_2_RATES, textOutput: '10.00' },
      perImageOutput: {
        low: {
          '1024x768': '0.01',
          '1024x1024': '0.01',
          '1024x1536': '0.01',
          '1920x1080': '0.01',
          '2560x1440': '0.01',
          '3840x2160': '0.02',
        },
        medium: {
          '1024x768': '0.04',
          '1024x1024': '0.06',
          '1024x1536': '0.05',
          '1920x1080': '0.04',
          '2560x1440': '0.06',
          '3840x2160': '0.11',
        },
        high: {
          '1024x768': '0.15',
          '1024x1024': '0.22',
          '1024x1536': '0.17',
          '1920x1080': '0.16',
          '2560x1440': '0.23',
          '3840x2160': '0.41',
        },
      },
      outputRoundUpCents: 1,
    },
    batch: null,
    effectiveFrom: '2026-04-21',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [
      'https://fal.ai/models/openai/gpt-image-2/',
      'https://fal.ai/models/openai/gpt-image-2/llms.txt',
      'https://docs.oxen.ai/inference-api/reference/models/gpt-image-2',
    ],
    notes:
      "fal.ai's own page for openai/gpt-image-2 (official for fal's prices): OpenAI's token rates passed through (text $5 in, $1.25 cached, $10 out; image $8 in, $2 cached, $30 out per 1M) and a per-image table. Every table cell is the gpt-image-2 output tokens x $30/1M rounded UP to the cent (derived in the research on all 18 cells, not stated by fal), so the estimate prices each image's output that way at any legal size, plus inputs at the token rates. num_images 1-4 (Oxen's copy of fal's schema): requests of more than 4 images are refused. Default quality high. Listed 2026-04: gpt-image-2 launch date assumed.",
    checkedOn: CHECKED_2026_12,
    maxImagesPerRequest: 4,
  },
];

const google: PriceEntry[] = [
  {
    id: 'google/gemini-2.5-flash-image@2025-10-02',
    provider: 'google',
    model: 'gemini-2.5-flash-image',
    snapshot: null,
    surfaces: ['api', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '0.30',
        textCachedInput: null,
        imageInput: null,
        imageCachedInput: null,
        imageOutput: '30.00',
      },
      perImageOutput: null,
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2025-10-02',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: [GEMINI_PRICING, 'https://github.com/HeyPuter/puter/pull/2562/files'],
    notes:
      '$0.039/image = 1290 image tokens x $30/1M, from third-party copies of the Gemini pricing page. Shutdown "earliest October 2026" per Google (no firm date). Not re-checked in the December 2026 pass.',
    checkedOn: CHECKED_2026_10,
  },
  {
    id: 'google/gemini-3-pro-image@2025-11-20',
    provider: 'google',
    model: 'gemini-3-pro-image',
    snapshot: 'gemini-3-pro-image-preview',
    surfaces: ['api', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '2.00',
        textCachedInput: null,
        imageInput: '2.00',
        imageCachedInput: null,
        imageOutput: '120.00',
        textOutput: '12.00',
      },
      perImageOutput: null,
    },
    batch: {
      status: 'supported',
      discount: '0.5',
      rates: null,
      note: 'Batch API: 50% off ($0.067 at 1K/2K, $0.12 at 4K per Google, rounded).',
    },
    effectiveFrom: '2025-11-20',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [
      'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-pro-image',
      GEMINI_PRICING,
      GEMINI_PRICING_TRANSCRIPTION,
    ],
    notes:
      'Token counts OFFICIAL (Vertex AI: 1,120 output tokens at 1K/2K, 2,000 at 4K; 560 input tokens per input image). Rates from the Gemini pricing page via a verbatim transcription (2026-09-20): input (text and images) $2/1M, image output $120/1M ("$0.134 per 1K/2K image, $0.24 per 4K", i.e. the exact 0.1344 rounded), text and thinking output $12/1M. Thinking tokens (typically 700-900 per image) are billed as text output and not estimated: warned. GA id gemini-3-pro-image since 2026-05-28 (same prices).',
    checkedOn: CHECKED_2026_12,
  },
  {
    id: 'google/gemini-3.1-flash-image@2026-02-26',
    provider: 'google',
    model: 'gemini-3.1-flash-image',
    snapshot: 'gemini-3.1-flash-image',
    surfaces: ['api', 'batch'],
    pricing: {
      unit: 'usd-per-1m-tokens',
      rates: {
        textInput: '0.50',
        textCachedInput: null,
        imageInput: '0.50',
        imageCachedInput: null,
        imageOutput: '60.00',
        textOutput: '3.00',
      },
      perImageOutput: null,
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2026-02-26',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [
      'https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/gemini/3-1-flash-image',
      GEMINI_PRICING,
      'https://aifreeapi.com/en/posts/gemini-flash-image-generation-pricing',
      'https://www.getmaxim.ai/bifrost/llm-cost-calculator/provider/vertex_ai/model/gemini-3.1-flash-image-preview',
    ],
    notes:
      'Token counts OFFICIAL (Vertex AI: 747 / 1,120 / 1,680 / 2,520 output tokens at 512 / 1K / 2K / 4K; 1,120 input tokens per input image). Rates via transcriptions of the Gemini pricing page: input $0.50/1M, image output $60/1M ("$0.045 per 0.5K image", the exact 0.04482 rounded), text and thinking output $3/1M; Batch 50% off. Conflict: one reseller shows $0.25 in / $1.50 out. Preview release 2026-02-26 assumed as the effective date.',
    checkedOn: CHECKED_2026_12,
  },
  ...(
    [
      ['imagen-4-fast', 'imagen-4.0-fast-generate-001', '0.02', '2025-08-01', 'Imagen 4 Fast'],
      ['imagen-4', 'imagen-4.0-generate-001', '0.04', '2025-08-15', 'Imagen 4 (Standard)'],
      ['imagen-4-ultra', 'imagen-4.0-ultra-generate-001', '0.06', '2025-08-15', 'Imagen 4 Ultra'],
    ] as const
  ).map(([model, snapshot, price, from, label]): PriceEntry => ({
    id: `google/${model}@${from}`,
    provider: 'google',
    model,
    snapshot,
    surfaces: ['api'],
    pricing: { unit: 'usd-per-image', perImage: { standard: { '*': price } } },
    batch: null,
    effectiveFrom: from,
    effectiveUntil: null,
    shutdownDate: '2026-08-17',
    sourceClass: 'third-party',
    sources: [
      IMAGEN_MIGRATION,
      GEMINI_PRICING,
      'https://discuss.ai.google.dev/t/issue-with-url-context-tooling/101173',
      'https://flatkey.ai/blog/imagen-api-pricing-routing-checks',
      ...(model === 'imagen-4-ultra' ? ['https://www.codegateway.dev/en/blog/imagen-4-api-quickstart'] : []),
    ],
    notes: `History only: ${label} $${price} per image, the Gemini API price as quoted by third parties (a Gemini URL-context answer citing the pricing page; searchroost, checked 2026-03-03). All Imagen 4 models shut down 2026-08-17 (OFFICIAL Firebase migration page; earlier copies said 2026-06-24, then 2026-06-30).${
      model === 'imagen-4-ultra' ? ' Conflict: codegateway cites $0.08 from Vertex AI docs.' : ''
    } GA in the Gemini API 2025-08-15 (third-party)${model === 'imagen-4-fast' ? '; 2025-08-01 kept from the earlier catalog' : ''}.`,
    checkedOn: CHECKED_2026_12,
  })),
];

/** FLUX.2 per megapixel, in BFL credits ($0.01): first MP, each further MP, each input MP (BFL's formula). */
function flux2(
  model: string,
  label: string,
  first: string,
  extra: string,
  from: string,
  until: string | null,
  fromNote: string,
): PriceEntry {
  return {
    id: `bfl/${model}@${from}`,
    provider: 'black-forest-labs',
    model,
    snapshot: null,
    surfaces: ['api', 'credits'],
    pricing: {
      unit: 'per-megapixel',
      firstMegapixel: first,
      extraMegapixel: extra,
      inputMegapixel: extra,
      megapixel: BFL_MEGAPIXEL,
      usdPerCredit: '0.01',
    },
    batch: null,
    effectiveFrom: from,
    effectiveUntil: until,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [BFL_PRICING, BFL_SKILLS],
    notes: `${label}: ${first} credits for the first megapixel of output and ${extra} for each further one (1 credit = $0.01), every input-image megapixel at ${extra}, by BFL's published formula (firstMP + (outputMP-1) x mpPrice) + inputMP x mpPrice (skills repo, 2026-01-28). BFL's docs list edit "from" prices that do not all match that formula (unverified). Megapixel unit and rounding not stated by BFL: see the unit's basis. ${fromNote}`,
    checkedOn: CHECKED_2026_12,
  };
}

const blackForestLabs: PriceEntry[] = [
  flux2('flux-2-klein-4b', 'FLUX.2 [klein] 4B', '1.4', '0.1', '2026-01-15', null, 'Released 2026-01-15 (third-party).'),
  flux2('flux-2-klein-9b', 'FLUX.2 [klein] 9B', '1.5', '0.2', '2026-01-15', null, 'Released 2026-01-15 (third-party).'),
  flux2(
    'flux-2-pro',
    'FLUX.2 [pro]',
    '3',
    '1.5',
    '2025-11-25',
    null,
    'Release date not in sources: 2025-11-25 assumed.',
  ),
  flux2(
    'flux-2-flex',
    'FLUX.2 [flex] (history)',
    '6',
    '6',
    '2025-11-25',
    '2026-01-28',
    'Superseded: an older copy of the BFL pricing page said from $0.06 (edit from $0.12); BFL cut flex to 5 credits on 2026-01-28.',
  ),
  flux2(
    'flux-2-flex',
    'FLUX.2 [flex]',
    '5',
    '5',
    '2026-01-28',
    null,
    'In effect since the skills-repo commit of 2026-01-28 ("from 6c to 5c per megapixel"); "$0.06 per MP" copies elsewhere are stale.',
  ),
  flux2('flux-2-max', 'FLUX.2 [max]', '7', '3', '2025-11-25', null, 'Release date not in sources: 2025-11-25 assumed.'),
  ...(
    [
      ['flux-kontext-pro', 'FLUX.1 Kontext [pro]', '4', '2025-05-29'],
      ['flux-kontext-max', 'FLUX.1 Kontext [max]', '8', '2025-05-29'],
      ['flux-1.1-pro', 'FLUX1.1 [pro]', '4', '2024-10-02'],
      ['flux-1.1-pro-ultra', 'FLUX1.1 [pro] Ultra', '6', '2024-11-06'],
    ] as const
  ).map(([model, label, credits, from]): PriceEntry => ({
    id: `bfl/${model}@${from}`,
    provider: 'black-forest-labs',
    model,
    snapshot: null,
    surfaces: ['api', 'credits'],
    pricing: {
      unit: 'credits-per-image',
      creditsPerImage: { standard: { '*': credits } },
      creditsPerExtraMegapixel: null,
      usdPerCredit: '0.01',
    },
    batch: null,
    effectiveFrom: from,
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: [
      BFL_PRICING,
      BFL_SKILLS,
      BFL_PRICING_PAGE,
      'https://docs.flexprice.io/cookbooks/pricing-teardowns/black-forest-labs-pricing.md',
    ],
    notes: `${label}: ${credits} credits ($0.0${credits}) per image whatever its size or input image (BFL pricing page, older stored copy; BFL skills repo; a capture of bfl.ai/pricing on 2026-11-16). Release date not in sources: the launch date ${from} is assumed.`,
    checkedOn: CHECKED_2026_12,
  })),
  {
    id: 'bfl/flux-3-klein@2026-12-03',
    provider: 'black-forest-labs',
    model: 'flux-3-klein',
    snapshot: null,
    surfaces: ['api'],
    pricing: {
      unit: 'usd-per-image',
      perImage: {
        standard: {
          '768x768': '0.009',
          '1024x1024': '0.009',
          '1360x768': '0.009',
          '768x1360': '0.009',
          '2048x2048': '0.014',
          '5456x3072': '0.036',
          '3072x5456': '0.036',
        },
      },
    },
    batch: null,
    effectiveFrom: '2026-12-03',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: [
      'https://docs.laozhang.ai/en/announcements/flux-3-image-2026-12',
      'https://vercel.com/ai-gateway/models/flux-3-image-klein.md',
      'https://docs.laozhang.ai/en/api-capabilities/flux-3-image',
      'https://muapi.ai/zh/flux-klein',
    ],
    notes:
      "Third-party only: no BFL page for FLUX 3 image prices was found. 1K $0.009, 2K $0.014, 4K $0.036 per image (laozhang says it matches BFL's list, checked 2026-12-03; muapi and Vercel agree on 1K). 768x768 is billed at the 1K price; the 1.5K class has no known price. Edits cost the same whatever the number of reference images.",
    checkedOn: CHECKED_2026_12,
  },
];

const ideogram: PriceEntry[] = (
  [
    [
      'ideogram-4.5',
      { low: '0.03', medium: '0.06', high: '0.10' },
      '2026-11-16',
      "Ideogram 4.5: Low $0.03, Medium $0.06, High $0.10 per output image, at 1K or 2K alike (Ideogram's API pricing catalog as of 2026-11-16, its blog). Precise Edit is priced separately (not here). Effective date: the catalog date, assumed.",
    ],
    [
      'ideogram-4.0',
      { turbo: '0.03', default: '0.06', quality: '0.10' },
      '2026-06-01',
      'Ideogram 4.0 by rendering speed: TURBO $0.03, DEFAULT $0.06, QUALITY $0.10 per output image (Ideogram blog, 2026-11-16). Generate, Remix, Edit, Reframe and Replace Background cost the same. Effective date: first seen in a June 2026 third-party copy (Puter), assumed.',
    ],
    [
      'ideogram-3.0',
      { turbo: '0.03', default: '0.06', quality: '0.09' },
      '2025-08-06',
      'Ideogram 3.0 by rendering speed: TURBO $0.03, DEFAULT $0.06, QUALITY $0.09 per output image (character reference and transparent background are dearer, not here). Effective date: the pricing page revision of 2025-08-06, assumed.',
    ],
  ] as const
).map(([model, prices, from, notes]): PriceEntry => ({
  id: `ideogram/${model}@${from}`,
  provider: 'ideogram',
  model,
  snapshot: null,
  surfaces: ['api'],
  pricing: { unit: 'usd-per-image', perImage: byQuality(prices) },
  batch: null,
  effectiveFrom: from,
  effectiveUntil: null,
  shutdownDate: null,
  sourceClass: 'official',
  sources: [IDEOGRAM_BLOG, IDEOGRAM_PRICING],
  notes: `${notes} Images per request up to 8 (third-party; not verified on an Ideogram page).`,
  checkedOn: CHECKED_2026_12,
}));

const recraft: PriceEntry[] = (
  [
    ['recraft-v4.1', 'recraftv4_1', '35', 'raster 1K', 'official'],
    ['recraft-v4.1-pro', 'recraftv4_1_pro', '210', 'raster 2K', 'official'],
    ['recraft-v4.1-vector', 'recraftv4_1_vector', '80', 'vector SVG', 'official'],
    ['recraft-v4.1-pro-vector', 'recraftv4_1_pro_vector', '300', 'vector SVG, Pro', 'third-party'],
  ] as const
).map(([model, snapshot, units, output, sourceClass]): PriceEntry => ({
  id: `recraft/${model}@2026-05-13`,
  provider: 'recraft',
  model,
  snapshot,
  surfaces: ['api', 'credits'],
  pricing: {
    unit: 'credits-per-image',
    creditsPerImage: { standard: { '*': units } },
    creditsPerExtraMegapixel: null,
    usdPerCredit: '0.001',
  },
  batch: null,
  effectiveFrom: '2026-05-13',
  effectiveUntil: null,
  shutdownDate: null,
  sourceClass,
  sources: sourceClass === 'official' ? [RECRAFT_PRICING, RECRAFT_V41] : [RECRAFT_PRICING, RECRAFT_V41, COMFY_CREDITS],
  notes: `${snapshot} (${output}): ${units} API units per image, 1,000 units = $1 (prepaid, non-refundable).${
    sourceClass === 'official'
      ? ' OFFICIAL Recraft pricing page.'
      : " Third-party only for the figure: the official row was cut off in the stored copy; $0.30 from Comfy's credits (63.3 credits / 211) and the V4 Pro vector price."
  } V4.1 released May 2026 (13 May per a third party): that date assumed.`,
  checkedOn: CHECKED_2026_12,
}));

const seedream: PriceEntry[] = (
  [
    [
      'fal',
      'fal.ai',
      'reseller',
      '0.04',
      'official',
      'https://fal.ai/models/fal-ai/bytedance/seedream/v4.5/text-to-image',
      'fal.ai\'s own page: "Your request will cost $0.04 per image" (official for fal).',
    ],
    [
      'vercel',
      'vercel',
      'reseller',
      '0.04',
      'official',
      'https://vercel.com/ai-gateway/models/seedream-4.5',
      "Vercel AI Gateway's own model page (official for Vercel).",
    ],
    [
      'byteplus',
      'byteplus',
      'api',
      '0.045',
      'third-party',
      INFR_SEEDREAM,
      'Third-party only: no BytePlus ModelArk page found; $0.045 from infr.sh (model seedream-4-5-251128).',
    ],
    [
      'replicate',
      'replicate',
      'reseller',
      '0.045',
      'third-party',
      INFR_SEEDREAM,
      'Third-party only: no Replicate page found; $0.045 from infr.sh.',
    ],
  ] as const
).map(([code, provider, surface, price, sourceClass, source, notes]): PriceEntry => ({
  id: `${code}/seedream-4.5@2025-11-28`,
  provider,
  model: 'seedream-4.5',
  snapshot: code === 'byteplus' ? 'seedream-4-5-251128' : null,
  surfaces: [surface],
  pricing: { unit: 'usd-per-image', perImage: { standard: { '*': price } } },
  batch: null,
  effectiveFrom: '2025-11-28',
  effectiveUntil: null,
  shutdownDate: null,
  sourceClass,
  sources: [source],
  notes: `${notes} Flat per output image whatever the size or reference images. Release December 2025 (third-party); the snapshot id's date 2025-11-28 is assumed.`,
  checkedOn: CHECKED_2026_12,
}));

const qwen: PriceEntry[] = [
  {
    id: 'fal/qwen-image@2026-03-17',
    provider: 'fal.ai',
    model: 'qwen-image',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: {
      unit: 'per-megapixel',
      firstMegapixel: '0.02',
      extraMegapixel: '0.02',
      inputMegapixel: null,
      megapixel: FAL_MEGAPIXEL,
      usdPerCredit: null,
    },
    batch: null,
    effectiveFrom: '2026-03-17',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: ['https://fal.ai/learn/tools/flux-vs-qwen-image'],
    notes:
      "fal.ai's own page: Qwen Image $0.02 per megapixel of output (official for fal). No USD price from Alibaba was found (Model Studio lists CNY only). Effective date: the page's last update, 2026-03-17, assumed.",
    checkedOn: CHECKED_2026_12,
  },
  {
    id: 'fal/qwen-image-2.0-pro@2026-03-17',
    provider: 'fal.ai',
    model: 'qwen-image-2.0-pro',
    snapshot: 'fal-ai/qwen-image-2/pro/text-to-image',
    surfaces: ['reseller'],
    pricing: { unit: 'usd-per-image', perImage: { standard: { '*': '0.075' } } },
    batch: null,
    effectiveFrom: '2026-03-17',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: ['https://fal.ai/learn/tools/flux-vs-qwen-image'],
    notes:
      "fal.ai's own page: Qwen Image 2.0 Pro $0.075 per image (official for fal). Up to 4 images per call (third-party). Effective date: the page's last update, 2026-03-17, assumed.",
    checkedOn: CHECKED_2026_12,
  },
];

export const BUILTIN_CATALOG: readonly PriceEntry[] = [
  ...openAi,
  ...fal,
  ...google,
  ...blackForestLabs,
  ...ideogram,
  ...recraft,
  ...seedream,
  ...qwen,
];
