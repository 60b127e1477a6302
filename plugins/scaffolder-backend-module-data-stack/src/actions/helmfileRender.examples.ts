import { renderExamples } from './renderAction';

export const examples = renderExamples('datastack:helmfile:render', 'helmfile');
