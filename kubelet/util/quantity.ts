/**
 * The little of resource.Quantity the kubelet needs: reading `--cpu 2` / `--memory 8Gi` flags and the
 * container resources that the downward API exposes, and printing node capacity the way a real kubelet
 * does (cpu as whole cores, memory in Ki). Suffixes: binary Ki..Ei, decimal k..E, milli "m", and
 * exponents ("1e3"). Pure; `parseQuantity` returns undefined for anything else.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** The value of a quantity as a plain number (cores for cpu, bytes for memory). */
export function parseQuantity(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  if (typeof text !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[3] !== undefined) return base * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

/** Memory as a real kubelet prints it in node capacity: kibibytes, e.g. "16318412Ki". */
export function formatKi(bytes: number): string {
  return `${Math.floor(bytes / 1024)}Ki`;
}

/** A cpu count as capacity shows it: whole cores ("4"), or millicores when fractional ("1500m"). */
export function formatCpu(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`;
}
