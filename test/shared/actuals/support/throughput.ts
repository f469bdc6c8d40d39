/**
 * A quick throughput check of the CSV path (not a test; `npm run bench` owns speed targets):
 *   npx tsx test/shared/actuals/support/throughput.ts [rows] [rounds]
 * Generates a LiteLLM-style spend-log CSV of `rows` rows in the temp folder, then times, in the same round,
 * a bare read + line split of it and the reader (read in 1 MB chunks → decode → tokenize → detect → map →
 * validate → records, dropped as they come). Figures are noisy on a shared machine: compare ratios.
 */
import { closeSync, openSync, readFileSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createActualsReader } from '../../../../shared/actuals/read/actuals-reader';
import { LITELLM_HEADER } from './generate';

const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 3);
const file = join(tmpdir(), `litellm-throughput-${process.pid}.csv`);

function generate(): void {
  const out = openSync(file, 'w');
  let text = LITELLM_HEADER.join(',') + '\n';
  const campaigns = ['spring-catalog', 'ugc-hooks', 'saas-hero'];
  for (let i = 0; i < rows; i++) {
    const id = i.toString(16).padStart(8, '0') + '-8fd8-407f-a111-4b0166ee4aec';
    const day = String(1 + (i % 28)).padStart(2, '0');
    const spend = (0.01 + (i % 997) * 0.000131).toString();
    const tags = i % 5 === 0 ? '' : `"[""campaign:${campaigns[i % 3]}""]"`;
    const status = i % 20 === 0 ? 'failure' : 'success';
    text += `${id},aimage_generation,k${i % 7},${spend},,46,1756,2026-10-${day} 06:02:31.747,,,,gpt-image-2,,,openai,,,,,,${tags},,,,,,,,${status},,,\n`;
    if (text.length > 1 << 20) {
      writeSync(out, text);
      text = '';
    }
  }
  writeSync(out, text);
  closeSync(out);
}

function chunks(each: (bytes: Uint8Array) => void): void {
  const fd = openSync(file, 'r');
  for (;;) {
    const buffer = new Uint8Array(1 << 20);
    const n = readSync(fd, buffer, 0, buffer.length, null);
    if (n === 0) break;
    each(buffer.subarray(0, n));
  }
  closeSync(fd);
}

function bare(): number {
  const t = performance.now();
  readFileSync(file, 'utf8').split('\n');
  return performance.now() - t;
}

function reader(): number {
  const t = performance.now();
  const created = createActualsReader({ fileName: 'litellm.csv', today: '2027-01-01' });
  if (!created.ok) throw new Error(created.error);
  let records = 0;
  chunks((bytes) => (records += created.value.push(bytes).records.length));
  const outcome = created.value.end();
  records += outcome.records.length;
  if (outcome.status !== 'done' || records !== rows) throw new Error(`read ${records} records: ${outcome.error}`);
  return performance.now() - t;
}

generate();
try {
  for (let round = 0; round < rounds; round++) {
    const b = bare();
    const r = reader();
    const rate = Math.round(rows / (r / 1000)).toLocaleString('en-US');
    console.log(
      `bare read + split ${b.toFixed(0)} ms | reader ${r.toFixed(0)} ms (${rate} rows/s) | ${(r / b).toFixed(2)}x`,
    );
  }
} finally {
  rmSync(file, { force: true });
}
