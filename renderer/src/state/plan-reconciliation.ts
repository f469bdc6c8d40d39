// The incremental reconciler is pure and lives in shared/ so the benchmarks time the code the app runs.
export { PlanReconciler } from '../../../shared/reconcile/plan-reconciler';
