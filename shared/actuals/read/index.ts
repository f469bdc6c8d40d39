/**
 * The reading half of the actuals importer, as the CLI, the Electron main process and the renderer use it.
 * Everything here is pure: callers read the file and push its bytes.
 */
export {
  createActualsReader,
  DEFAULT_READ_LIMITS,
  type ActualsReader,
  type ReadLimits,
  type ReadOptions,
  type ReadOutcome,
  type ReadStatus,
} from './actuals-reader';
export type { ReadBatch } from './read-output';
export type { Choice, Dialect, SourceInfo } from './read-types';
export { sniffActuals, type SniffOptions, type SniffResult } from './sniff';
export { DELIMITERS, DECIMAL_SEPARATORS, type DecimalSeparator, type Delimiter } from './csv-dialect';
export { DATE_ORDERS, type DateOrder } from './day-text';
export type { DateOrderHow, DateOrderState } from './date-order';
export type { TextEncodingName } from './decode-bytes';
export {
  checkColumns,
  createMappingProfile,
  headerSignature,
  MAPPING_FIELDS,
  MappingProfileSchema,
  parseMapArgument,
  parseMappingProfile,
  profileMatches,
  serializeMappingProfile,
  suggestMapping,
  type MappingField,
  type MappingProfile,
  type ProfileDraft,
} from './mapping-profile';
export { normaliseModel, parseLineItem, type LineItemParts } from './line-item';
