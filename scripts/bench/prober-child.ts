/**
 * The prober side of the benchmark, run as its own process from an esbuild bundle made like the
 * Lambda's (ESM, minified): what is measured is what ships, without the TypeScript loader and
 * without the bench's own bookkeeping (fleet plan, expectations, reporting), which stay in the parent.
 * This one probes the whole fleet in one run.
 */
import { answerProberRequest } from './child-protocol.js';

answerProberRequest((request, prober) => prober.probe(request.targets, { plan: request.plan }));
