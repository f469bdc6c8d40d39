/** Files generated for tests: the dialects, encodings and shapes real exports come in. */

export interface CsvShape {
  readonly delimiter?: string;
  readonly eol?: string;
  readonly bom?: boolean;
}

/** A CSV text from rows of cells, quoting cells that need it. */
export function csv(rows: readonly (readonly string[])[], shape: CsvShape = {}): string {
  const d = shape.delimiter ?? ',';
  const eol = shape.eol ?? '\n';
  const quote = (cell: string): string =>
    cell.includes(d) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  return (shape.bom ? '\uFEFF' : '') + rows.map((r) => r.map(quote).join(d)).join(eol) + eol;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** UTF-16 with its byte-order mark (Excel's "Unicode text"). */
export function utf16(text: string, littleEndian: boolean): Uint8Array {
  const body = text.startsWith('\uFEFF') ? text : '\uFEFF' + text;
  const out = new Uint8Array(body.length * 2);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    out[2 * i] = littleEndian ? c & 0xff : c >> 8;
    out[2 * i + 1] = littleEndian ? c >> 8 : c & 0xff;
  }
  return out;
}

const CP1252: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '’': 0x92, '–': 0x96, '—': 0x97 };

/** Windows-1252 bytes (Latin-1 letters such as é are their code points). */
export function cp1252(text: string): Uint8Array {
  return new Uint8Array(
    [...text].map((ch) => {
      const code = CP1252[ch] ?? ch.charCodeAt(0);
      if (code > 0xff) throw new Error(`${ch} is not in Windows-1252`);
      return code;
    }),
  );
}

export const COSTS_HEADER_A = [
  'start_time',
  'end_time',
  'start_time_iso',
  'end_time_iso',
  'amount_value',
  'amount_currency',
  'line_item',
  'project_id',
  'organization_id',
  'organization_name',
];

export const COSTS_HEADER_B = [
  'start_time',
  'end_time',
  'start_time_iso',
  'end_time_iso',
  'amount_value',
  'amount_currency',
  'quantity',
  'quantity_unit',
  'line_item',
  'user_id',
  'api_key_id',
  'project_id',
  'organization_id',
  'project_name',
  'organization_name',
  'user_email',
  'api_source',
];

/** One cost-export row (variant A): day index from 2026-10-01, amount text, line item, project. */
export function costRowA(day: number, amount: string, lineItem: string, project: string): string[] {
  const start = 1_790_812_800 + day * 86_400;
  const iso = (t: number): string => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
  return [
    String(start),
    String(start + 86_400),
    iso(start),
    iso(start + 86_400),
    amount,
    'usd',
    lineItem,
    project,
    'org-1',
    'Harbor & Pine',
  ];
}

export const LITELLM_HEADER = [
  'request_id',
  'call_type',
  'api_key',
  'spend',
  'total_tokens',
  'prompt_tokens',
  'completion_tokens',
  'startTime',
  'endTime',
  'request_duration_ms',
  'completionStartTime',
  'model',
  'model_id',
  'model_group',
  'custom_llm_provider',
  'api_base',
  'user',
  'metadata',
  'cache_hit',
  'cache_key',
  'request_tags',
  'team_id',
  'organization_id',
  'end_user',
  'requester_ip_address',
  'messages',
  'response',
  'session_id',
  'status',
  'mcp_namespaced_tool_name',
  'agent_id',
  'proxy_server_request',
];

export interface SpendLog {
  readonly id: string;
  readonly spend: string;
  readonly start: string;
  readonly tags?: readonly string[];
  readonly metadataCampaign?: string;
  readonly status?: 'success' | 'failure';
  readonly callType?: string;
}

/** A LiteLLM_SpendLogs row as psql writes it (JSON columns as text). */
export function spendLogRow(log: SpendLog): string[] {
  const metadata = JSON.stringify({
    user_api_key_alias: 'catalog-pipeline',
    spend_logs_metadata: log.metadataCampaign === undefined ? null : { campaign: log.metadataCampaign },
    status: log.status ?? 'success',
  });
  const cells: Record<string, string> = {
    request_id: log.id,
    call_type: log.callType ?? 'aimage_generation',
    api_key: 'hash-1',
    spend: log.spend,
    total_tokens: '1802',
    prompt_tokens: '46',
    completion_tokens: '1756',
    startTime: log.start,
    endTime: log.start,
    model: 'gpt-image-2',
    model_group: 'gpt-image-2',
    custom_llm_provider: 'openai',
    metadata,
    cache_hit: 'False',
    request_tags: JSON.stringify(log.tags ?? []),
    team_id: 'team-growth',
    status: log.status ?? 'success',
  };
  return LITELLM_HEADER.map((h) => cells[h] ?? '');
}
