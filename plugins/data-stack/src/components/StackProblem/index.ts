export { StackProblem } from './StackProblem';
