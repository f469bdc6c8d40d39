// The incremental estimator is pure and lives in shared/ so the benchmarks time the code the grid runs.
export { type GridRow, PlanEstimator, type PlanView, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';
