/** A metric value in its unit, short enough for a card. */
export function formatMetric(value: number | null, unit: string): string {
  if (value === null) return '–';
  const round = (n: number) =>
    Math.abs(n) >= 100 || Number.isInteger(n) ? n.toFixed(0) : n.toPrecision(3);
  switch (unit) {
    case 'bytes': {
      const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
      let n = value;
      let i = 0;
      for (; Math.abs(n) >= 1024 && i < units.length - 1; i++) n /= 1024;
      return `${round(n)} ${units[i]}`;
    }
    case 'seconds':
      return value < 1 ? `${round(value * 1000)} ms` : `${round(value)} s`;
    case 'percent':
      return `${round(value)} %`;
    case 'ratio':
      return `${round(value * 100)} %`;
    case 'per-second':
      return `${round(value)}/s`;
    default:
      return round(value);
  }
}
