import { renderExamples } from './renderAction';

export const examples = renderExamples('datastack:helm:render', 'helm');
