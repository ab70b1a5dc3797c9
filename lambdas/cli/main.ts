/** `ai-exposure-monitor <command>`: dispatch, and one clear line for every error. */
import { EXIT, UsageError } from './errors.js';
import type { CliIo } from './io.js';
import { writeLine } from './output.js';

type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

/** Loaded on demand: `check` should not pay for the AWS SDK clients `scan` needs. */
const commands: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  scan: async () => {
    const m = await import('./commands/scan.js');
    return { run: m.scanCommand, usage: m.scanUsage };
  },
  demo: async () => {
    const m = await import('./commands/demo.js');
    return { run: m.demoCommand, usage: m.demoUsage };
  },
  check: async () => {
    const m = await import('./commands/check.js');
    return { run: m.checkCommand, usage: m.checkUsage };
  },
  history: async () => {
    const m = await import('./commands/history.js');
    return { run: m.historyCommand, usage: m.historyUsage };
  },
  catalog: async () => {
    const m = await import('./commands/catalog.js');
    return { run: m.catalogCommand, usage: m.catalogUsage };
  },
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
  const load = commands[name];
  if (!load) {
    writeLine(io.stderr, `ai-exposure-monitor: unknown command "${name}" (try --help)`);
    return EXIT.error;
  }
  const command = await load();
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
