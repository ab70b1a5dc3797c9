/** `ai-exposure-monitor <command>`: dispatch, and one clear line for every error. */
import { catalogCommand, catalogUsage } from './commands/catalog.js';
import { checkCommand, checkUsage } from './commands/check.js';
import { demoCommand, demoUsage } from './commands/demo.js';
import { historyCommand, historyUsage } from './commands/history.js';
import { scanCommand, scanUsage } from './commands/scan.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { writeLine } from './output.js';

const commands: Record<string, { run: (argv: readonly string[], io: CliIo) => Promise<number>; usage: string }> = {
  scan: { run: scanCommand, usage: scanUsage },
  demo: { run: demoCommand, usage: demoUsage },
  check: { run: checkCommand, usage: checkUsage },
  history: { run: historyCommand, usage: historyUsage },
  catalog: { run: catalogCommand, usage: catalogUsage },
};

export const overview = `ai-exposure-monitor — finds AI services your AWS accounts expose to the internet.

Commands:
  scan      list your AWS resources, probe their public addresses, report changes (uses your AWS credentials)
  demo      the whole pipeline against local AI services, no AWS account needed
  check     probe given host:port addresses, no AWS
  history   what was exposed, when, for how long (for auditors)
  catalog   the AI-service families recognised

Run "ai-exposure-monitor <command> --help" for a command's options.`;

/** Node's parseArgs errors are user mistakes too. */
const isArgumentError = (error: unknown): boolean =>
  error instanceof TypeError && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('ERR_PARSE_ARGS');

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    writeLine(io.stdout, overview);
    return name === undefined ? EXIT.error : EXIT.clean;
  }
  const command = commands[name];
  if (!command) {
    writeLine(io.stderr, `ai-exposure-monitor: unknown command "${name}" (try --help)`);
    return EXIT.error;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return EXIT.clean;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isArgumentError(error)) {
      writeLine(io.stderr, `ai-exposure-monitor ${name}: ${(error as Error).message}`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      writeLine(io.stderr, `ai-exposure-monitor ${name}: failed: ${message}`);
      if (io.env['DEBUG']) writeLine(io.stderr, String((error as Error).stack));
    }
    return EXIT.error;
  }
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, interactive: Boolean(process.stderr.isTTY) };
}
