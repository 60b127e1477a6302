import { XMLParser } from 'fast-xml-parser';
import { toHadoopXml } from './formats';

describe('toHadoopXml', () => {
  const properties = {
    'fs.s3a.endpoint': 'http://minio:9000',
    'odd<&>"name': `a value with <tags>, & and 'quotes"`,
    'fs.s3a.secret.key': '${env.S3_SECRET_KEY}',
    retries: 3,
  };

  it("reads back as the same properties in Hadoop's layout", () => {
    const xml = toHadoopXml(properties, 'Hive Metastore.');
    expect(xml).toMatch(
      /^<\?xml version="1.0"\?>\n<!-- Hive Metastore. -->\n<configuration>\n {2}<property>\n {4}<name>fs\.s3a\.endpoint<\/name>\n/,
    );
    expect(xml.endsWith('</configuration>\n')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(
      parsed.configuration.property.map(
        (p: { name: string; value: string }) => [p.name, p.value],
      ),
    ).toEqual(Object.entries(properties).map(([k, v]) => [k, String(v)]));
  });

  it('keeps a comment free of "--", which XML forbids there', () => {
    const xml = toHadoopXml({ a: 1 }, 'one -- two --> three');
    expect(xml).toContain('<!-- one - - two - -> three -->');
    expect(() => new XMLParser().parse(xml)).not.toThrow();
  });
});
