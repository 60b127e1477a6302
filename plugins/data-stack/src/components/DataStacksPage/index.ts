export { DataStacksPage } from './DataStacksPage';
