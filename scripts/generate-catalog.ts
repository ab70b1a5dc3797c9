/**
 * Writes docs/catalog.md from the fingerprint catalog and the known-vulnerability data.
 *   npx tsx scripts/generate-catalog.ts
 * test/fingerprints/catalog-page.test.ts fails when the checked-in page differs from this output.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { catalogMarkdown } from '../lambdas/cli/commands/catalog.js';

export const catalogPagePath = fileURLToPath(new URL('../docs/catalog.md', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(catalogPagePath, catalogMarkdown());
  console.log(catalogPagePath);
}
