import type { ActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { microToDecimalString } from '../../shared/money/format';
import { serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { MATCH_FIELDS, type MatchField, type MatchRule, type MatchTarget } from '../../shared/reconcile/match-rules';
import { ledgerValues, namedValues } from '../../shared/reconcile/ledger-values';
import { ruleMatches } from '../../shared/reconcile/match-actuals';
import { reconcileOnce } from '../../shared/reconcile/plan-reconciler';
import { withoutProjectLink, withProjectLink } from '../../shared/reconcile/project-links';
import type { Result } from '../../shared/result';
import { CliError, type OptionSpec, singlePositional, UsageError } from '../args';
import type { Command } from '../command';
import { loadPlanFile, planOutputPath, writeOutputFile } from '../files';
import { renderTable } from '../format';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'when',
    kind: 'string',
    valueName: 'FIELD=VALUE',
    example: 'project=proj_growth',
    description: `what the actuals must have: ${MATCH_FIELDS.join(' | ')} = a value`,
  },
  {
    name: 'to',
    kind: 'string',
    valueName: 'ROW_ID|team:NAME',
    example: 'ugc-ad-hooks',
    description: "a row id, or team:NAME to split over the team's rows by planned cost",
  },
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'OUT',
    example: 'matched.pxplan',
    description: 'where to write the plan with the rule added',
  },
  {
    name: 'link-project',
    kind: 'string',
    valueName: 'METERED=BILLED',
    example: 'e446e707-team=proj_pcP8Bl3r8uiQGjUd9BSv40CQ',
    description:
      "a gateway team's metered spend is on the bill under this billed project: counted once, as billed (reconcile suggests links)",
  },
  {
    name: 'unlink-project',
    kind: 'string',
    valueName: 'METERED',
    example: 'e446e707-team',
    description: 'remove the link of a metered project',
  },
  { name: 'force', kind: 'flag', description: 'overwrite OUT if it exists' },
  { name: 'list', kind: 'flag', description: 'show the rules and what each matched' },
  { name: 'json', kind: 'flag', description: 'with --list: one JSON object (money as exact decimal strings)' },
];

function readWhen(text: string): MatchRule['when'] {
  const eq = text.indexOf('=');
  const field = text.slice(0, eq).trim().toLowerCase();
  const value = text.slice(eq + 1).trim();
  if (eq < 0 || !(MATCH_FIELDS as readonly string[]).includes(field) || value === '')
    throw new UsageError(`--when "${text}": write FIELD=VALUE with FIELD one of ${MATCH_FIELDS.join(', ')}`);
  return { field: field as MatchField, value };
}

function readTarget(text: string, plan: PlanDocument): MatchTarget {
  if (text.toLowerCase().startsWith('team:')) {
    const team = text.slice(5).trim();
    const teams = [...new Set(plan.rows.map((r) => r.team).filter((t) => t !== ''))];
    if (!teams.some((t) => t.toLowerCase() === team.toLowerCase()))
      throw new CliError(
        `--to ${text}: no row has the team "${team}"; teams in the plan: ${teams.join(', ') || 'none'}`,
      );
    return { kind: 'team', team };
  }
  if (!plan.rows.some((r) => r.id === text))
    throw new CliError(
      `--to ${text}: the plan has no row with that id; use one of ${plan.rows.map((r) => r.id).join(', ') || '(no rows)'} or team:NAME`,
    );
  return { kind: 'row', rowId: text };
}

function nextRuleId(rules: readonly MatchRule[]): string {
  let n = rules.length + 1;
  while (rules.some((r) => r.id === `rule-${n}`)) n += 1;
  return `rule-${n}`;
}

/**
 * A note for a new rule that no actual matches (a mistyped value is the usual cause), naming the values
 * the ledger has for its field; null when some actual matches. The rule is kept all the same: rules may
 * come before the actuals they are for.
 */
function unmatchedRuleNote(plan: PlanDocument, rule: MatchRule, path: string): string | null {
  const rec = reconcileOnce(plan);
  if (!rec.ok) return null;
  const { pieces } = rec.value;
  if (pieces.some((piece) => ruleMatches(rule, piece))) return null;
  const { field, value } = rule.when;
  const prefix = `note: no actual in ${path} has ${field} = ${value}`;
  if (pieces.length === 0) return `${prefix} (the ledger has no actuals yet): the rule applies once they are imported`;
  const values = ledgerValues(pieces)[field];
  if (values.length === 0) return `${prefix}: no actual has a ${field} at all`;
  return `${prefix}; the ledger's ${field} values: ${namedValues(values)}`;
}

function describeTarget(to: MatchTarget): string {
  return to.kind === 'row' ? to.rowId : `team:${to.team}`;
}

function list(plan: PlanDocument, json: boolean, path: string): string {
  const rec = reconcileOnce(plan);
  if (!rec.ok) throw new CliError(`${path}: ${rec.error}`);
  const matched = plan.actuals.rules.map((rule) => {
    const by = rec.value.byRule.get(rule.id);
    return { rule, buckets: by?.pieces ?? 0, micro: by?.micro ?? 0 };
  });
  if (json) {
    const rules = matched.map(({ rule, buckets, micro }) => ({
      id: rule.id,
      field: rule.when.field,
      value: rule.when.value,
      to: describeTarget(rule.to),
      buckets,
      matchedUsd: microToDecimalString(micro),
    }));
    return JSON.stringify({ asOf: rec.value.asOf, rules }, null, 2) + '\n';
  }
  const links = linkLines(plan);
  if (matched.length === 0)
    return `no match rules: add one with match PLAN --when FIELD=VALUE --to ROW_ID -o OUT\n${links}`;
  const table = renderTable(
    [
      { header: 'id', align: 'left' },
      { header: 'when', align: 'left' },
      { header: 'to', align: 'left' },
      { header: 'buckets', align: 'right' },
      { header: 'matched', align: 'right' },
    ],
    matched.map(({ rule, buckets, micro }) => [
      rule.id,
      `${rule.when.field} = ${rule.when.value}`,
      describeTarget(rule.to),
      String(buckets),
      `$${microToDecimalString(micro)}`,
    ]),
  );
  return `${table}\nas of ${rec.value.asOf}; a bucket a stronger pass (manual, campaign, an earlier rule) placed is not counted\n${links}`;
}

/** The ledger's project links, one line each (empty without any). */
function linkLines(plan: PlanDocument): string {
  return (plan.actuals.projectLinks ?? [])
    .map((l) => `metered project ${l.metered} is billed under ${l.billed} (counted once, as billed)\n`)
    .join('');
}

/** `--link-project METERED=BILLED` or `--unlink-project METERED`: the plan with its ledger's links changed. */
function relinked(plan: PlanDocument, link: string | undefined, unlink: string | undefined): PlanDocument {
  let next: Result<ActualsLedger>;
  if (link !== undefined) {
    const eq = link.indexOf('=');
    const metered = link.slice(0, eq).trim();
    const billed = link.slice(eq + 1).trim();
    if (eq < 0 || metered === '' || billed === '')
      throw new UsageError(
        `--link-project "${link}": write METERED=BILLED, e.g. a LiteLLM team id = an OpenAI proj_ id`,
      );
    next = withProjectLink(plan.actuals, metered, billed);
    if (!next.ok) throw new CliError(`--link-project ${link}: ${next.error}`);
  } else {
    next = withoutProjectLink(plan.actuals, (unlink ?? '').trim());
    if (!next.ok) throw new CliError(`--unlink-project ${unlink ?? ''}: ${next.error}`);
  }
  return { ...plan, actuals: next.value };
}

export const matchCommand: Command = {
  name: 'match',
  usage:
    'match PLAN.pxplan --when FIELD=VALUE --to ROW_ID|team:NAME -o OUT.pxplan | match PLAN.pxplan --link-project METERED=BILLED -o OUT.pxplan | match PLAN.pxplan --list [--json]',
  options: OPTIONS,
  details: [
    'Rules are tried in the order added, after manual assignments and campaigns named like a row, and',
    'before the model-and-dates pass; the first that matches places the spend. Values compare without case.',
    "A gateway's log (LiteLLM) names its spend by the gateway's team, not the provider's project: when its",
    'requests are on the bill too, --link-project says so and reconcile counts them once, as billed cost split by',
    "the gateway's campaigns (reconcile warns about such spend and names the project whose bill agrees).",
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const plan = await loadPlanFile(io, path);
    const link = args.string('link-project');
    const unlink = args.string('unlink-project');
    const linking = link !== undefined || unlink !== undefined;
    if (linking && (args.flag('list') || args.has('when') || args.has('to') || (link && unlink)))
      throw new UsageError('give one of --link-project, --unlink-project, --list, or --when and --to');
    if (linking) {
      const output = planOutputPath(args, 'an output plan', `${path} --link-project METERED=BILLED -o out.pxplan`);
      const next = relinked(plan, link, unlink);
      await writeOutputFile(io, output, serializePlan(next), args.flag('force'));
      io.stdout(
        link !== undefined
          ? `wrote ${output}: metered project ${link.replace('=', ' is billed under ')}; reconcile counts it once, as billed\n`
          : `wrote ${output}: metered project ${unlink ?? ''} is no longer linked\n`,
      );
      return 0;
    }
    if (args.flag('list')) {
      if (args.has('when') || args.has('to')) throw new UsageError('give either --list or --when and --to, not both');
      io.stdout(list(plan, args.flag('json'), path));
      return 0;
    }
    const when = args.string('when');
    const to = args.string('to');
    if (when === undefined || to === undefined)
      throw new UsageError('match needs --when FIELD=VALUE and --to ROW_ID|team:NAME (or --list)');
    const output = planOutputPath(args, 'an output plan', `${path} --when ${when} --to ${to} -o out.pxplan`);
    const rule: MatchRule = { id: nextRuleId(plan.actuals.rules), when: readWhen(when), to: readTarget(to, plan) };
    const next: PlanDocument = { ...plan, actuals: { ...plan.actuals, rules: [...plan.actuals.rules, rule] } };
    await writeOutputFile(io, output, serializePlan(next), args.flag('force'));
    io.stdout(
      `wrote ${output}: rule ${rule.id} ${rule.when.field} = ${rule.when.value} -> ${describeTarget(rule.to)}\n`,
    );
    const note = unmatchedRuleNote(plan, rule, path);
    if (note !== null) io.stderr(`${note}\n`);
    return 0;
  },
};
