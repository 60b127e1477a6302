import {
  type ProbeType,
  createProbeType,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { pingProbeType } from '../testUtils/pingProbe';
import { ProbeTypeRegistry } from './probeTypeRegistry';

const named = (type: string): ProbeType<unknown> =>
  createProbeType({
    type,
    probe: async () => ({ status: 'healthy', latencyMs: 0 }),
  });

describe('the probe type registry', () => {
  it('has the built-in probe types from the start', () => {
    const registry = new ProbeTypeRegistry();
    expect(registry.names()).toEqual(['http', 'tcp', 'sql']);
    expect(registry.get('kafka')).toBeUndefined();
  });

  it('adds the types of modules, through its extension point too', () => {
    const registry = new ProbeTypeRegistry();
    registry.extensionPoint().addProbeTypes(pingProbeType, named('kafka'));
    expect(registry.names()).toEqual(['http', 'tcp', 'sql', 'ping', 'kafka']);
    expect(registry.get('ping')).toBe(pingProbeType);
  });

  it('refuses a type added twice, by one module or two', () => {
    const registry = new ProbeTypeRegistry();
    registry.add(named('kafka'));
    expect(() => registry.add(named('kafka'))).toThrow(
      "probe type 'kafka' is added twice",
    );
    expect(() =>
      new ProbeTypeRegistry().add(pingProbeType, pingProbeType),
    ).toThrow("probe type 'ping' is added twice");
    expect(registry.get('kafka')).toBeDefined();
  });

  it.each(['http', 'tcp', 'sql'])(
    'refuses to replace the built-in %s type',
    type => {
      const registry = new ProbeTypeRegistry();
      const builtIn = registry.get(type);
      expect(() => registry.add(named(type))).toThrow(
        `probe type '${type}' is built in and cannot be replaced`,
      );
      expect(registry.get(type)).toBe(builtIn);
    },
  );

  it.each(['Kafka', 'kafka_probe', '', '-kafka'])(
    'refuses the name %j, which no descriptor could use',
    type => {
      expect(() => new ProbeTypeRegistry().add(named(type))).toThrow(
        /^probe type name .* must be/,
      );
    },
  );

  it('refuses a type without a probe function', () => {
    expect(() =>
      new ProbeTypeRegistry().add({ type: 'kafka' } as ProbeType<unknown>),
    ).toThrow("probe type 'kafka' has no probe function to run");
  });

  it('takes no more types once the plugin has started', () => {
    const registry = new ProbeTypeRegistry();
    const extensionPoint = registry.extensionPoint();
    registry.close();
    expect(() => extensionPoint.addProbeTypes(named('kafka'))).toThrow(
      'probe types can only be added while the backend starts',
    );
  });
});
