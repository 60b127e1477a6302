export { DataStackContent } from './DataStackContent';
