/** One sample line of the Prometheus text format. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed exposition: samples in order, and the declared type of each family. */
export interface ParsedExposition {
  samples: ParsedSample[];
  types: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/**
 * A deliberately strict reader of the text format 0.0.4: every line must be a `# HELP`, a
 * `# TYPE`, or a well-formed sample of a family whose TYPE came first; anything else throws.
 */
export function parsePrometheus(text: string): ParsedExposition {
  if (!text.endsWith('\n')) throw new Error('exposition must end with a line feed');
  const samples: ParsedSample[] = [];
  const types = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    // Blank lines are allowed between families (prom-client writes one).
    if (line === '' || line.startsWith('# HELP ')) continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      const [, family = '', kind = ''] = type;
      if (types.has(family)) throw new Error(`TYPE given twice for ${family}`);
      types.set(family, kind);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const [, name = '', labelText = '', valueText = ''] = match;
    const family = [...types.keys()].find((f) => name === f || (types.get(f) === 'histogram' && /^_(bucket|sum|count)$/.test(name.slice(f.length)) && name.startsWith(f)));
    if (family === undefined) throw new Error(`sample ${name} before its TYPE line`);
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      if (!label) throw new Error(`bad labels: ${labelText}`);
      const [, key = '', raw = ''] = label;
      labels[key] = raw.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = valueText === '+Inf' ? Infinity : valueText === '-Inf' ? -Infinity : Number(valueText);
    // Prometheus reads NaN in any case (prom-client writes `Nan`).
    if (Number.isNaN(value) && valueText.toLowerCase() !== 'nan') throw new Error(`bad value in ${line}`);
    samples.push({ name, labels, value });
  }
  return { samples, types };
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when none. */
export function sampleValue(exposition: ParsedExposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}
