import type { PriceEntry, TokenRates } from './price-entry';

/**
 * The built-in price book, transcribed from the project's pricing research (pricing.md /
 * pricing-catalog.json, checked 2026-10). Every figure is dated and sourced. Where a source gives no
 * effective date, the date used is stated in `notes` as an assumption. Plans can override any entry with
 * their own (see price-book.ts).
 */

const OPENAI_PRICING = 'https://developers.openai.com/api/docs/pricing';
const OPENAI_IMAGE_GUIDE = 'https://developers.openai.com/api/docs/guides/image-generation';
const OPENAI_DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const BFL_PRICING = 'https://docs.bfl.ai/quick_start/pricing.md';
const COMFY_CREDITS = 'https://github.com/Comfy-Org/docs/blob/main/tutorials/partner-nodes/pricing.mdx';

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

export const BUILTIN_CATALOG: readonly PriceEntry[] = [
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
      "Rates and per-image table OFFICIAL. Output tokens per image from the COMMUNITY formula that reproduces OpenAI's calculator. Cached input rates apply only through the Responses API. Text output rate disputed: left out.",
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
      'https://raw.githubusercontent.com/sanand0/blog/main/posts/2026/quality-levels-of-gpt-image-2.5-flare.md',
    ],
    notes:
      'Same token rates as gpt-image-2 (third-party transcriptions of the official pricing page). Token counts per quality tier are third-party estimates; OpenAI says its 2.0 calculator does not estimate 2.5 usage.',
  })),
  {
    id: 'openai/gpt-image-2.6-sunburst@2026-10-01',
    provider: 'openai',
    model: 'gpt-image-2.6-sunburst',
    snapshot: null,
    surfaces: ['api', 'responses', 'batch'],
    pricing: { unit: 'usd-per-1m-tokens', rates: GPT_IMAGE_2_RATES, perImageOutput: null },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2026-10-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'official',
    sources: ['https://developers.openai.com/de-DE/api/docs/models/gpt-image-2.6-sunburst'],
    notes:
      'Only the official rate card was seen; no release date published, 2026-10-01 (first seen) is assumed. Token counts use the 2.5 quality tiers as estimates.',
  },
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
        ? 'Deprecated (notice 2026-06-02), shutdown 2026-12-01. Output tokens from the official pre-gpt-image-2 table.'
        : "Alias following the ChatGPT image model; mirrors gpt-image-1.5 rates (third-party transcription). Release date not published: gpt-image-1.5's date assumed. Shutdown 2026-12-01.",
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
      'Shut down 2026-10-23; kept to price historical usage. Effective date known only to the month (2025-04): first of month assumed.',
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
    shutdownDate: null,
    sourceClass: 'official',
    sources: ['https://openai.com/api/pricing/', OPENAI_PRICING],
    notes:
      'A text model, here to price text usage (captions) found in actuals: $0.25 in, $0.025 cached, $2.00 out per 1M tokens. No image rates: image input is billed as input tokens by OpenAI, but no image-input figure was checked, so image tokens stay unpriced. Effective from the snapshot date.',
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
    notes: 'Historical only (shut down 2026-05-12). Effective date not in sources: API launch month assumed.',
  },
  {
    id: 'fal/gpt-image-2@2026-04-21',
    provider: 'fal.ai',
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: {
      unit: 'usd-per-image',
      perImage: {
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
    },
    batch: null,
    effectiveFrom: '2026-04-21',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: ['https://fal.ai/models/openai/gpt-image-2/', 'https://fal.ai/models/openai/gpt-image-2/llms.txt'],
    notes:
      'fal.ai published per-image table (rounded up to cents; n 1-4; default quality high). Listed 2026-04: gpt-image-2 launch date assumed.',
  },
  {
    id: 'example-reseller/gpt-image-2-flat@2026-05-01',
    provider: 'example-reseller',
    model: 'gpt-image-2',
    snapshot: null,
    surfaces: ['reseller'],
    pricing: { unit: 'usd-per-image', perImage: { '*': { '*': '0.035' } } },
    batch: null,
    effectiveFrom: '2026-05-01',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: ['https://developers.openai.com/api/docs/pricing'],
    notes:
      "Example of a flat per-image reseller ($0.03-$0.04 per image regardless of size is common). Replace with your reseller's own entry.",
  },
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
    sources: ['https://ai.google.dev/gemini-api/docs/pricing', 'https://github.com/HeyPuter/puter/pull/2562/files'],
    notes: '$0.039/image = 1290 image tokens x $30/1M. Shutdown "earliest October 2026" per Google (no firm date).',
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
        textInput: '0.00',
        textCachedInput: null,
        imageInput: null,
        imageCachedInput: null,
        imageOutput: '120.00',
      },
      perImageOutput: null,
    },
    batch: BATCH_OFFICIAL,
    effectiveFrom: '2025-11-20',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: [
      'https://www.aifreeapi.com/en/posts/gemini-3-pro-image-preview-pricing',
      'https://blog.laozhang.ai/en/posts/gemini-3-pro-image-api-cost-per-image',
    ],
    notes:
      'Image output $120/1M: $0.134 at 1K/2K (1120 tokens), $0.24 at 4K (2000 tokens). Text input rate not captured (0 here). Thinking tokens are billed separately and not modelled.',
  },
  {
    id: 'google/gemini-3.1-flash-image@2026-02-26',
    provider: 'google',
    model: 'gemini-3.1-flash-image',
    snapshot: 'gemini-3.1-flash-image',
    surfaces: ['api'],
    pricing: { unit: 'usd-per-image', perImage: { standard: { '1024x1024': '0.067' } } },
    batch: null,
    effectiveFrom: '2026-02-26',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: 'third-party',
    sources: [
      'https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/gemini/3-1-flash-image-preview.md.txt',
      'https://github.com/HeyPuter/puter/pull/2562/files',
    ],
    notes:
      'Token counts official (747/1120/1680/2520 for 512/1K/2K/4K) but only the 1K price ($0.067, third-party) is known. Release date not in sources: assumed.',
  },
  {
    id: 'google/imagen-4-fast@2025-08-01',
    provider: 'google',
    model: 'imagen-4-fast',
    snapshot: 'imagen-4.0-fast-generate-001',
    surfaces: ['api'],
    pricing: { unit: 'usd-per-image', perImage: { standard: { '*': '0.02' } } },
    batch: null,
    effectiveFrom: '2025-08-01',
    effectiveUntil: null,
    shutdownDate: '2026-08-17',
    sourceClass: 'third-party',
    sources: [
      'https://blog.laozhang.ai/en/posts/gemini-3-pro-image-api-cost-per-image',
      'https://github.com/azmym/gemini-mcp/releases/tag/v0.2.1',
    ],
    notes:
      'Imagen 4 Fast $0.02/image (third-party); Standard/Ultra prices not found. Discontinued 2026-08-17. Effective date assumed.',
  },
  ...(
    [
      ['flux-2-klein-4b', 'FLUX.2 [klein] 4B', '1.4', null],
      ['flux-2-klein-9b', 'FLUX.2 [klein] 9B', '1.5', null],
      ['flux-2-pro', 'FLUX.2 [pro]', '3', '1.5'],
      ['flux-2-flex', 'FLUX.2 [flex]', '5', null],
      ['flux-2-max', 'FLUX.2 [max]', '7', '3'],
    ] as const
  ).map(([model, label, credits, extra]): PriceEntry => ({
    id: `bfl/${model}@2025-11-25`,
    provider: 'black-forest-labs',
    model,
    snapshot: null,
    surfaces: ['api', 'credits'],
    pricing: {
      unit: 'credits-per-image',
      creditsPerImage: { standard: { '*': credits } },
      creditsPerExtraMegapixel: extra,
      usdPerCredit: '0.01',
    },
    batch: null,
    effectiveFrom: '2025-11-25',
    effectiveUntil: null,
    shutdownDate: null,
    sourceClass: extra === null ? 'official' : 'third-party',
    sources: [BFL_PRICING, COMFY_CREDITS],
    notes: `${label}: OFFICIAL "from" price for the first megapixel (1 credit = $0.01).${
      extra === null
        ? ' Extra-megapixel increments not published: priced flat (an estimate for images above 1 MP).'
        : ' Extra-megapixel increment derived from a third-party credit table.'
    } Release date not in sources: 2025-11-25 assumed.`,
  })),
];
