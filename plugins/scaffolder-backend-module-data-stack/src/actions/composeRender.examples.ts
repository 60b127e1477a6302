import { renderExamples } from './renderAction';

export const examples = renderExamples('datastack:compose:render', 'compose');
