import fs from 'node:fs';
import path from 'node:path';
import { testLibrary, workspaceContext } from '../__testUtils__/workspace';
import { createComposeRenderAction } from './composeRender';
import { createStackResolveAction } from './stackResolve';
import { createStackValidateAction } from './stackValidate';

const library = testLibrary();

/** A workspace with a resolved and compose-rendered stack. */
async function renderedWorkspace() {
  const { workspacePath, ctx } = workspaceContext({
    name: 'analytics',
    owner: 'group:default/data-platform',
    components: ['postgresql'],
    targets: ['compose'],
  });
  await createStackResolveAction({ library }).handler(ctx as any);
  await createComposeRenderAction({ library }).handler(
    workspaceContext({}, workspacePath).ctx as any,
  );
  return workspacePath;
}

/** Edits the PostgreSQL compose file of a rendered workspace. */
function editCompose(workspace: string, edit: (text: string) => string) {
  const compose = path.join(
    workspace,
    'services/postgresql/docker-compose.yml',
  );
  fs.writeFileSync(compose, edit(fs.readFileSync(compose, 'utf8')));
}

describe('datastack:stack:validate', () => {
  it('passes a rendered stack and says which tools ran', async () => {
    const workspace = await renderedWorkspace();
    const { ctx } = workspaceContext({}, workspace);
    await createStackValidateAction().handler(ctx as any);
    expect(ctx.logger.info).toHaveBeenCalledWith('the stack is valid');
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^ran docker-compose/),
    );
  }, 60_000);

  it('fails the task with one line per problem, paths relative to the workspace', async () => {
    const workspace = await renderedWorkspace();
    editCompose(workspace, text => text.replace(/127\.0\.0\.1:/g, '0.0.0.0:'));
    const { ctx } = workspaceContext({}, workspace);
    await expect(
      createStackValidateAction().handler(ctx as any),
    ).rejects.toThrow(
      /^services\/postgresql\/docker-compose.yml: services.postgresql.ports: publishes "0.0.0.0:5432:5432" beyond 127.0.0.1$/m,
    );
  }, 60_000);

  it('runs the linters only with full checks', async () => {
    const workspace = await renderedWorkspace();
    // Loads in Docker Compose; dclint wants ports quoted.
    editCompose(workspace, text =>
      text.replace("'127.0.0.1:5432:5432'", '127.0.0.1:5432:5432'),
    );
    const load = workspaceContext({}, workspace).ctx;
    await createStackValidateAction().handler(load as any);
    expect(load.logger.info).toHaveBeenCalledWith(
      'validating the stack in . (load checks)',
    );
    const full = workspaceContext({ checks: 'full' }, workspace).ctx;
    await expect(
      createStackValidateAction().handler(full as any),
    ).rejects.toThrow(/dclint require-quotes-in-ports/);
  }, 60_000);

  it('refuses a targetPath outside the workspace', async () => {
    const { ctx } = workspaceContext({ targetPath: '../elsewhere' });
    await expect(
      createStackValidateAction().handler(ctx as any),
    ).rejects.toThrow("targetPath '../elsewhere' is outside the workspace");
  });
});
