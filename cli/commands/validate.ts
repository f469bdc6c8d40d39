import { eachRowResult, estimatePlan } from '../../shared/estimate/estimate-plan';
import { jsonDepthProblem } from '../../shared/json-depth';
import {
  fieldsLeftOut,
  formatIssuePath,
  meaningfulIssues,
  parsePlanText,
  placeAlike,
} from '../../shared/plan/plan-document';
import { limitList, safeLine, showValue } from '../../shared/safe-text';
import { planProblems } from '../../shared/plan/plan-checks';
import { CURRENT_SCHEMA_VERSION, PlanDocument, PlanRow } from '../../shared/plan/plan-schema';
import { type OptionSpec, singlePositional } from '../args';
import type { Command } from '../command';
import { loadPlanText } from '../files';
import { counted, integer } from '../format';
import { closeNames } from '../spelling';
import { rowLabel, rowNoteLines, VERBOSE_OPTION } from '../row-notes';
import { datesProblem } from '../../shared/reconcile/phasing';
import type { RowMessage } from '../../shared/estimate/message-groups';

const OPTIONS: readonly OptionSpec[] = [VERBOSE_OPTION];

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate PLAN.pxplan [--verbose]',
  options: OPTIONS,
  details: [
    'Prints "ok: N rows" and exits 0, or prints one line per problem (row number, name and field) and exits 1.',
    'A message many rows share is one line with their count and the first rows; --verbose lists every row.',
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const text = await loadPlanText(io, path);
    const verbose = args.flag('verbose');
    const problems: string[] = [];
    const parsed = parsePlanText(text);
    if (!parsed.ok) {
      problems.push(...schemaProblems(text, parsed.error, verbose));
    } else {
      const plan = parsed.value;
      const label = (index: number) => rowLabel(index, plan.rows[index]?.name);
      const base = estimatePlan(plan, { scenario: null });
      const baseErrors = new Map<string, Set<string>>();
      const errors: RowMessage[] = [];
      const warnings: RowMessage[] = [];
      if (base.ok) {
        // Row by row, no result object kept per row (eachRowResult): a plan may have 100k rows.
        let index = 0;
        for (const { row, estimate } of eachRowResult(base.value)) {
          const seen = new Set<string>();
          for (const e of estimate.errors) {
            errors.push({ row: index, text: `${e.field}: ${e.message}` });
            seen.add(`${e.field}: ${e.message}`);
          }
          for (const w of estimate.warnings) warnings.push({ row: index, text: w });
          const dates = datesProblem(row.startDate, row.endDate);
          if (dates !== null) warnings.push({ row: index, text: dates });
          baseErrors.set(row.id, seen);
          index += 1;
        }
      }
      // Keys the file holds that this version does not read: said, since saving the plan drops them.
      const otherWarnings = new Map<string, number>();
      const rowKeyTexts = new Map<string, string>(); // a key on 100k rows is worded once
      for (const field of fieldsLeftOut(plan)) {
        let text = field.row === null ? fieldNotReadText(field.key, []) : rowKeyTexts.get(field.key);
        if (text === undefined) {
          text = fieldNotReadText(field.key, ROW_FIELD_NAMES);
          rowKeyTexts.set(field.key, text);
        }
        if (field.row !== null) warnings.push({ row: field.row, text });
        else {
          // An override's key is said once per scenario, with how many overrides hold it.
          const line = `${placeAlike(field)}: ${text}`;
          otherWarnings.set(line, (otherWarnings.get(line) ?? 0) + 1);
        }
      }
      problems.push(...rowNoteLines(errors, label, ', ', verbose));
      // Scenarios can break rows the base plan prices fine (an override to an illegal size, say).
      for (const scenario of plan.scenarios) {
        const result = estimatePlan(plan, { scenario: scenario.id });
        if (!result.ok) {
          problems.push(`scenario "${showValue(scenario.name, 60)}": ${result.error}`);
          continue;
        }
        const own: RowMessage[] = [];
        let index = 0;
        for (const { row, estimate } of eachRowResult(result.value)) {
          for (const e of estimate.errors) {
            if (baseErrors.get(row.id)?.has(`${e.field}: ${e.message}`)) continue;
            own.push({ row: index, text: `${e.field}: ${e.message}` });
          }
          index += 1;
        }
        problems.push(
          ...rowNoteLines(own, label, ', ', verbose).map(
            (line) => `scenario "${showValue(scenario.name, 60)}": ${line}`,
          ),
        );
      }
      if (problems.length === 0) {
        const others = [...otherWarnings].map(([line, n]) => (n > 1 ? `${line} (in ${integer(n)} of them)` : line));
        for (const w of limitList([...others, ...rowNoteLines(warnings, label, ': ', verbose)], 'warnings'))
          io.stderr(`warning: ${safeLine(w, 500)}\n`);
        io.stdout(`ok: ${counted(plan.rows.length, 'row')}\n`);
        return 0;
      }
    }
    // Bounded: a plan with a million bad rows (or one 150 MB name) still gives a readable report.
    for (const p of limitList(problems, 'problems')) io.stderr(`${safeLine(`${path}: ${p}`, 500)}\n`);
    return 1;
  },
};

/**
 * One line per schema issue. parsePlanText reports a summary; for a current-version document we list every
 * issue, naming the row by number and name where the issue is inside a row, and the same problem in many
 * rows once with their count and the first rows (every row with `verbose`).
 */
function schemaProblems(text: string, summary: string, verbose: boolean): string[] {
  if (jsonDepthProblem(text) !== null) return [summary];
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return [summary];
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !('schemaVersion' in value) ||
    value.schemaVersion !== CURRENT_SCHEMA_VERSION
  )
    return [summary];
  const result = PlanDocument.safeParse(value, { reportInput: true });
  if (result.success) {
    const problems = planProblems(result.data);
    return problems.length > 0 ? problems.map((p) => `${p.path}: ${p.message}`) : [summary];
  }
  const rows = 'rows' in value && Array.isArray(value.rows) ? (value.rows as unknown[]) : [];
  const label = (index: number) => {
    const row = rows[index];
    return rowLabel(index, typeof row === 'object' && row !== null && 'name' in row ? row.name : undefined);
  };
  const others: string[] = [];
  const inRows: RowMessage[] = [];
  for (const issue of meaningfulIssues(result.error.issues)) {
    const [first, index, ...rest] = issue.path;
    if (first === 'rows' && typeof index === 'number')
      inRows.push({ row: index, text: `${rest.length > 0 ? formatIssuePath(rest) : '(row)'}: ${issue.message}` });
    else others.push(`${formatIssuePath(issue.path)}: ${issue.message}`);
  }
  return [...others, ...rowNoteLines(inRows, label, ', ', verbose)];
}

const ROW_FIELD_NAMES: readonly string[] = Object.keys(PlanRow.shape);

/** What a key the plan's file holds but this version does not read comes to, with what it may have meant. */
function fieldNotReadText(key: string, known: readonly string[]): string {
  const meant = closeNames(key, known)[0];
  const hint = meant === undefined ? '' : ` (did you mean "${meant}"?)`;
  return `the field "${showValue(key, 60)}" is not one Pixel Ledger reads: it is ignored, and left out when the plan is saved${hint}`;
}
