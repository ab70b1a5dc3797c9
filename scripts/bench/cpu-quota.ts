/**
 * `--lambda-memory MB`: the prober's process held to the CPU a Lambda function of that memory size gets.
 * Lambda allocates CPU in proportion to memory, the equivalent of one vCPU at 1,769 MB, so 1,024 MB gets
 * ~0.58 of one. Here that share is a CFS bandwidth quota on a cgroup of the process's own: once all its
 * threads together (the event loop, V8's GC and compiler threads) have used the share of a period, the
 * kernel holds them until the next one. The figures per CPU-second assume the work divides evenly into
 * that share; this measures it, with the throttling's stalls and what they do to the engine's deadlines.
 * Needs root and a cgroup cpu controller (v1, or v2 with cpu enabled for child groups), and says so if not.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The memory size that buys one full vCPU (AWS Lambda's documentation: "Memory and computing power"). */
export const LAMBDA_MB_PER_VCPU = 1769;
const PERIOD_US = 100_000;

export interface ThrottleStats {
  readonly periods: number;
  readonly throttledPeriods: number;
  readonly throttledMs: number;
}

export interface CpuQuota {
  /** The CPUs' worth the quota allows, e.g. 0.58. */
  readonly cpus: number;
  readonly periodMs: number;
  /** Moves a process, all its threads, into the group (before it is given work). */
  confine(pid: number): void;
  stats(): ThrottleStats;
  /** Removes the group; its processes must have exited. */
  remove(): void;
}

interface CgroupLayout {
  readonly root: string;
  writeQuota(dir: string, quotaUs: number): void;
  readStats(stat: Map<string, number>): ThrottleStats;
}

const V1: CgroupLayout = {
  root: '/sys/fs/cgroup/cpu',
  writeQuota: (dir, quotaUs) => {
    writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
    writeFileSync(join(dir, 'cpu.cfs_quota_us'), String(quotaUs));
  },
  readStats: (stat) => ({ periods: stat.get('nr_periods') ?? 0, throttledPeriods: stat.get('nr_throttled') ?? 0, throttledMs: (stat.get('throttled_time') ?? 0) / 1e6 }),
};

const V2: CgroupLayout = {
  root: '/sys/fs/cgroup',
  writeQuota: (dir, quotaUs) => writeFileSync(join(dir, 'cpu.max'), `${quotaUs} ${PERIOD_US}`),
  readStats: (stat) => ({ periods: stat.get('nr_periods') ?? 0, throttledPeriods: stat.get('nr_throttled') ?? 0, throttledMs: (stat.get('throttled_usec') ?? 0) / 1e3 }),
};

function cgroupLayout(): CgroupLayout {
  if (existsSync(join(V1.root, 'cpu.cfs_quota_us'))) return V1;
  const read = (file: string): string => (existsSync(join(V2.root, file)) ? readFileSync(join(V2.root, file), 'utf8') : '');
  if (read('cgroup.subtree_control').split(/\s+/).includes('cpu')) return V2;
  throw new Error(
    '--lambda-memory: no cgroup cpu controller to set a quota with (neither /sys/fs/cgroup/cpu of cgroup v1 nor cpu in /sys/fs/cgroup/cgroup.subtree_control of cgroup v2)',
  );
}

export function createCpuQuota(memoryMb: number): CpuQuota {
  const layout = cgroupLayout();
  const cpus = memoryMb / LAMBDA_MB_PER_VCPU;
  const dir = join(layout.root, `ai-exposure-bench-${process.pid}`);
  try {
    mkdirSync(dir);
    layout.writeQuota(dir, Math.round(cpus * PERIOD_US));
  } catch (error) {
    throw new Error(`--lambda-memory: cannot set a CPU quota in ${dir} (${(error as Error).message}); it needs root`);
  }
  return {
    cpus,
    periodMs: PERIOD_US / 1000,
    confine: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
    stats: () => {
      const lines = readFileSync(join(dir, 'cpu.stat'), 'utf8').trim().split('\n');
      return layout.readStats(new Map(lines.map((line) => [line.split(' ')[0] as string, Number(line.split(' ')[1])])));
    },
    remove: () => rmdirSync(dir),
  };
}
