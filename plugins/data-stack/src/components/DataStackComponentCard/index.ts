export { DataStackComponentCard } from './DataStackComponentCard';
