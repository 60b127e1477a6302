import { renderExamples } from './renderAction';

export const examples = renderExamples('datastack:catalog:render', 'catalog');
