import type { Entity } from '@backstage/catalog-model';
import { startAdvice } from './startCommand';

const system = (location?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'analytics',
    annotations: location
      ? { 'backstage.io/managed-by-location': location }
      : {},
  },
});

describe('startAdvice', () => {
  it('runs the command in the folder of a file location', () => {
    expect(
      startAdvice(
        system('file:/work/main/examples/demo-stack/catalog-info.yaml'),
        'compose',
      ),
    ).toEqual({
      command:
        'cd /work/main/examples/demo-stack && scripts/init-env && docker compose up -d',
      folder: '/work/main/examples/demo-stack',
    });
  });

  it('quotes a folder the shell would split', () => {
    expect(
      startAdvice(
        system("file:/home/ann/my stacks/it's/catalog-info.yaml"),
        'compose',
      ).command,
    ).toBe(
      "cd '/home/ann/my stacks/it'\\''s' && scripts/init-env && docker compose up -d",
    );
  });

  it('gives the URL of a url location and the bare command', () => {
    expect(
      startAdvice(
        system(
          'url:https://gitlab.example.com/data/analytics/-/blob/main/catalog-info.yaml',
        ),
        'kubernetes',
      ),
    ).toEqual({
      command: 'helmfile apply',
      url: 'https://gitlab.example.com/data/analytics/-/blob/main/catalog-info.yaml',
    });
  });

  it('gives the bare command without a location, or with one it cannot read', () => {
    expect(startAdvice(system(), 'compose')).toEqual({
      command: 'scripts/init-env && docker compose up -d',
    });
    expect(startAdvice(system('nonsense'), 'compose')).toEqual({
      command: 'scripts/init-env && docker compose up -d',
    });
  });
});
