import {
  DataStackError,
  STACK_TARGETS,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { builtInTargets } from './builtInTargets';
import { type OutputTarget, OutputTargets } from './outputTargets';

describe('the built-in output targets', () => {
  it('are the targets a stack.yaml names by default', () => {
    expect(builtInTargets.ids()).toEqual([...STACK_TARGETS]);
  });

  it('name an unknown target with the nearest one', () => {
    expect(builtInTargets.problemsOf(['compose', 'helmfle'])).toEqual([
      {
        path: 'spec.targets[1]',
        message: expect.stringContaining(
          "unknown target 'helmfle' (did you mean 'helmfile'?)",
        ),
      },
    ]);
  });
});

describe('OutputTargets', () => {
  const target = (id: string): OutputTarget => ({
    id,
    description: id,
    render: () => [],
  });

  it('refuses a name twice, a name that is no DNS label, and what has no render', () => {
    expect(
      () =>
        new OutputTargets([
          target('argocd'),
          target('argocd'),
          target('Argo CD'),
          { id: 'flux', description: 'flux' } as unknown as OutputTarget,
        ]),
    ).toThrow(DataStackError);
    expect(() =>
      builtInTargets.with(target('compose'), {
        id: 'flux',
      } as unknown as OutputTarget),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ path: 'compose' }),
          expect.objectContaining({ path: 'flux' }),
        ],
      }),
    );
  });
});
