import { emptyActualsLedger } from '../actuals/ledger/ledger-schema';
import { blankRow } from './new-plan';
import { CURRENT_SCHEMA_VERSION, type PlanDocument } from './plan-schema';

/**
 * The built-in sample: three real workflows, so a new user sees a working budget at once.
 * `asOf` is passed in (today's date, usually) because shared/ never reads the clock.
 */
// eslint-disable-next-line max-lines-per-function -- one plan literal: three sample rows and their settings, read top to bottom
export function createSamplePlan(asOf: string): PlanDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    meta: {
      name: 'Q1 launch imagery (sample)',
      owner: 'Marketing ops',
      currency: 'USD',
      displayCurrency: { code: 'EUR', perUsd: '0.92' },
      priceBookAsOf: asOf,
      notes: 'Sample plan: edit anything. Scenarios compare strict baselines with re-prompting from scratch.',
    },
    priceEntries: [
      {
        id: 'plan/studio-credits-gpt-image-2',
        provider: 'Example image studio',
        model: 'gpt-image-2',
        snapshot: null,
        surfaces: ['credits'],
        pricing: { unit: 'credits-per-token-usd', creditsPerUsd: '211', markup: '1.2', usdPerCredit: '0.0047393' },
        batch: null,
        effectiveFrom: '2026-04-21',
        effectiveUntil: null,
        shutdownDate: null,
        sourceClass: 'user',
        sources: ['https://developers.openai.com/api/docs/pricing'],
        notes:
          'Example of a product that bills gpt-image-2 in credits: 211 credits = $1 of token cost, with a 1.2x markup.',
      },
    ],
    rows: [
      blankRow('ecom-product-pages', {
        name: 'Product page drop: 12 SKUs x 2 angles',
        team: 'Ecommerce',
        assetType: 'Product photo',
        startDate: '2027-01-11',
        endDate: '2027-01-22',
        finals: 24,
        size: '1024x1280',
        quality: 'high',
        iterationFactor: '1.2',
        draftsPerFinal: '1',
        draftQuality: 'low',
        promptTokens: 180,
        promptChars: null,
        referenceImages: 1,
        referenceSize: '1024x1024',
        budgetCapUsd: '12.00',
        notes: 'One packshot reference per SKU. 4:5 for the product grid.',
      }),
      blankRow('ugc-ad-hooks', {
        name: 'UGC ad hooks: 5 concepts x 6 variants',
        team: 'Growth',
        assetType: 'Social ad',
        startDate: '2027-01-18',
        endDate: '2027-02-05',
        finals: 30,
        size: '864x1536',
        quality: 'medium',
        iterationFactor: '1.8',
        draftsPerFinal: '2',
        draftQuality: 'low',
        nPerRequest: 4,
        promptTokens: null,
        promptChars: 900,
        budgetCapUsd: '5.00',
        notes: '9:16 for stories and reels; drafts at low quality to pick hooks.',
      }),
      blankRow('saas-hero', {
        name: 'SaaS landing: hero image',
        team: 'Product marketing',
        assetType: 'Landing page',
        startDate: '2027-02-01',
        endDate: '2027-02-12',
        finals: 1,
        size: '1536x864',
        quality: 'high',
        iterationFactor: '2.5',
        promptTokens: null,
        promptChars: 1400,
        budgetCapUsd: '1.00',
        notes: 'Text in image: high quality. Starts from a blank prompt.',
      }),
      blankRow('saas-ui-screens', {
        name: 'SaaS landing: 8 UI screenshots',
        team: 'Product marketing',
        assetType: 'Landing page',
        startDate: '2027-02-01',
        endDate: '2027-02-12',
        finals: 8,
        size: '1536x864',
        quality: 'high',
        iterationFactor: '1.8',
        promptTokens: null,
        promptChars: 1100,
        referenceImages: 1,
        referenceSize: '1440x900',
        budgetCapUsd: '4.00',
        notes: 'Text in image; a real UI capture as reference.',
      }),
    ],
    scenarios: [
      {
        id: 'strict-baselines',
        name: 'Strict baselines',
        description: 'Product shots follow an approved baseline: 1.2 generations per final.',
        overrides: [{ rowId: 'ecom-product-pages', field: 'iterationFactor', value: '1.2' }],
      },
      {
        id: 'from-scratch',
        name: 'Re-prompting from scratch',
        description: 'Every product shot is re-prompted from a blank prompt: 2.5 generations per final.',
        overrides: [{ rowId: 'ecom-product-pages', field: 'iterationFactor', value: '2.5' }],
      },
    ],
    activeScenarioId: null,
    actuals: emptyActualsLedger(),
  };
}
