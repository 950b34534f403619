// Property tests run with a fixed seed so CI is reproducible; FC_SEED=<n> (or FC_SEED=random) explores others.
import fc from 'fast-check';

const raw = process.env.FC_SEED;
if (raw !== 'random') fc.configureGlobal({ seed: raw === undefined ? 20261124 : Number(raw) });
