/** `catalog [--json]`: the AI-service families the prober recognises. */
import { parseArgs } from 'node:util';
import { catalog } from '../../probe/fingerprints/index.js';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../output.js';

export const catalogUsage = `Usage: ai-exposure-monitor catalog [--json]
  Lists the AI-service families the prober recognises, their default ports and severity when open.`;

export async function catalogCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: { json: { type: 'boolean', default: false } } });
  const rows = catalog.map((fp) => ({
    id: fp.id,
    name: fp.name,
    category: fp.category,
    defaultPorts: fp.defaultPorts,
    severityWhenOpen: fp.severityWhenOpen,
    authSwitch: fp.authRequired ? 'yes' : `no — ${fp.noAuthReason ?? 'none'}`,
    references: fp.references,
  }));
  if (values.json) writeLine(io.stdout, JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) {
      writeLine(io.stdout, `${row.id.padEnd(24)} ${row.name.padEnd(30)} ${row.category.padEnd(14)} ports ${row.defaultPorts.join(',').padEnd(18)} open=${row.severityWhenOpen}`);
    }
  }
  return EXIT.clean;
}
